//go:build unix

package pipeline

import "syscall"

// openFlags opens a note without blocking: a file swapped for a FIFO
// between the check and the open is refused by the check after it, where
// a plain open would wait for a writer.
const openFlags = syscall.O_NONBLOCK
