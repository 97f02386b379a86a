package cli

import (
	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/config"
)

// NewCmdRoot returns the talkgraph command with every subcommand.
func NewCmdRoot(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "talkgraph <command> [flags]",
		Short: "Turn notes about conference talks into a knowledge graph",
		Long: `talkgraph reads markdown notes about conference talks and builds a knowledge
graph of talks, speakers, tools, concepts, organizations, people and events,
where every fact keeps the note and line it came from. The graph is kept in an
embedded store (the directory .talkgraph), or in Neo4j with --store neo4j;
'talkgraph load' copies the embedded graph to Neo4j.

Configuration comes from talkgraph.yaml in the working directory (or --config
FILE), TALKGRAPH_* environment variables and flags; flags win over the
environment, which wins over the file. See 'talkgraph config --help'.

` + exitHelp,
		Example: `  talkgraph build notes/
  talkgraph stats
  talkgraph show speaker "Andrew Godwin"
  talkgraph import pyvideo ../shared/corpus/pyvideo
  talkgraph extract --json notes/day1.md
  talkgraph load && talkgraph neo4j status`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.CompletionOptions.HiddenDefaultCmd = true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })

	pf := cmd.PersistentFlags()
	pf.StringVar(&f.ConfigFile, "config", "", "read configuration from `FILE` (default ./"+config.FileName+" when present)")
	pf.String("store", config.StoreEmbedded, "store `backend`: embedded or neo4j")
	pf.String("store-path", config.Default().Embedded.Path, "`DIR` of the embedded store")
	pf.BoolVarP(&f.IO.Quiet, "quiet", "q", false, "print no summary or progress, only errors")
	f.BindFlag(config.KeyStore, pf.Lookup("store"))
	f.BindFlag(config.KeyEmbeddedPath, pf.Lookup("store-path"))

	cmd.AddCommand(
		NewCmdBuild(f, nil),
		NewCmdImport(f, nil),
		NewCmdExtract(f, nil),
		NewCmdEval(f, nil),
		NewCmdStats(f, nil),
		NewCmdShow(f, nil),
		NewCmdCandidates(f, nil),
		NewCmdLinks(f, nil),
		NewCmdWhySame(f, nil),
		NewCmdLoad(f, nil),
		NewCmdQuery(f, nil),
		NewCmdCypher(f, nil),
		NewCmdServe(f, nil),
		NewCmdExport(f, nil),
		NewCmdNeo4j(f),
		NewCmdConfig(f, nil),
		NewCmdVersion(f, nil),
	)
	return cmd
}

// needArgs requires at least n arguments, as a usage error naming them.
func needArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return flagErrorf("missing %s argument", what)
		}
		return nil
	}
}

// noArgs refuses arguments, as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return flagErrorf("unexpected argument %q", args[0])
	}
	return nil
}
