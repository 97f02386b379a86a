//go:build !unix

package pipeline

// openFlags adds nothing where there is no O_NONBLOCK.
const openFlags = 0
