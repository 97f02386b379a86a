package cli

import (
	"context"
	"sync"
)

// forEach calls do(i) for every i in [0, n) on up to workers goroutines,
// and done after each call. It stops handing out work when ctx is
// cancelled, waits for the calls under way, and returns ctx's error.
func forEach(ctx context.Context, n, workers int, do func(i int), done func()) error {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			for i := range next {
				do(i)
				done()
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}
