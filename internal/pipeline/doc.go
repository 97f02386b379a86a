// Package pipeline is the build's orchestration, apart from the command
// line: planning (note files and stored hashes into what to extract and
// what to delete), extraction on a bounded worker pool, linking to the
// catalog in the store, and ranking the related talks of the change. The
// commands of internal/cli (build, import, serve) call it; its tests need
// no cobra.
package pipeline
