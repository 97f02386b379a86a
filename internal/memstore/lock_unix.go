//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package memstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lock takes the exclusive lock on the store directory without waiting, and
// returns the function that releases it. The lock file itself is never
// removed, since removing a locked file lets a second process lock a new one.
func (s *Store) lock() (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(s.dir, lockName), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock store: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("store %s is %w", s.dir, ErrLocked)
		}
		return nil, fmt.Errorf("lock store: %w", err)
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}
