// Package pipeline is the build's orchestration, apart from the command
// line: finding note files (Finder), planning (files and stored hashes into
// what to extract and what to delete: PlanBuild, and PlanImport for the
// catalog), extraction on one bounded worker pool (ForEach, on errgroup:
// ExtractNotes, ExtractTalks), linking to the catalog in the store, and
// ranking the related talks of the change (WithRelated). The commands of
// internal/cli (build, import, extract) call it; its tests need no cobra.
package pipeline
