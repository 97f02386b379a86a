package pipeline

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// ForEach calls do(i) for every i in [0, n) on at most workers goroutines
// (one errgroup with a limit: the one pool of the build), and done after
// each call. It stops starting work when ctx is cancelled, waits for the
// calls under way, and returns ctx's error.
func ForEach(ctx context.Context, n, workers int, do func(i int), done func()) error {
	var g errgroup.Group
	g.SetLimit(max(1, workers))
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			do(i)
			done()
			return nil
		})
	}
	g.Wait()
	return ctx.Err()
}
