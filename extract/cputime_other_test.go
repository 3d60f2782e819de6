//go:build !linux

package extract

import "time"

// threadCPU runs fn and returns the wall time it took.
func threadCPU(fn func()) time.Duration {
	start := time.Now()
	fn()
	return time.Since(start)
}

// processCPU returns 0: the process's CPU time is read on Linux only.
func processCPU() time.Duration { return 0 }
