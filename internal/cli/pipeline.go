package cli

import "github.com/talkgraph/talkgraph/internal/pipeline"

// The build's orchestration lives in internal/pipeline; these are its
// types as the commands name them.
type (
	noteFile    = pipeline.NoteFile
	noteJob     = pipeline.Job
	noteOutcome = pipeline.Outcome
	buildPlan   = pipeline.BuildPlan
)
