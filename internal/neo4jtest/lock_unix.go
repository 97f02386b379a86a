//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package neo4jtest

import (
	"os"
	"syscall"
)

// lock waits for the exclusive lock on the file at path and returns the
// function that releases it.
func lock(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}
