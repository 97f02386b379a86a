package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version is talkgraph's version, set at link time with
// -ldflags "-X github.com/talkgraph/talkgraph/internal/cli.Version=v1.2.3";
// when empty, the module version and VCS revision of the build are used.
var Version = ""

// VersionOptions are the options of `talkgraph version`.
type VersionOptions struct {
	Factory *Factory
}

// NewCmdVersion returns the version command; runF replaces its run
// function in tests.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{Factory: f}
	return &cobra.Command{
		Use:   "version",
		Short: "Print talkgraph's version",
		Long: `Version prints talkgraph's version, the VCS revision it was built from when
known, and the Go version that built it.`,
		Example: `  talkgraph version`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			_, err := fmt.Fprintln(f.IO.Out, versionString())
			return err
		},
	}
}

func versionString() string {
	v, rev := Version, ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return fmt.Sprintf("talkgraph %s%s %s %s/%s", v, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
