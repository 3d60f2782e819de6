package extract

import (
	"runtime"
	"syscall"
	"time"
)

// threadCPU runs fn on one OS thread and returns the CPU time that thread
// spent in it: on a shared machine a test can bound the work done rather
// than the wall time, which other processes stretch.
func threadCPU(fn func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const rusageThread = 1 // RUSAGE_THREAD
	var a, b syscall.Rusage
	if syscall.Getrusage(rusageThread, &a) != nil {
		start := time.Now()
		fn()
		return time.Since(start)
	}
	fn()
	if syscall.Getrusage(rusageThread, &b) != nil {
		return 0
	}
	cpu := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return cpu(b) - cpu(a)
}

// processCPU returns the CPU time the process has spent so far, all its
// threads (the collector's included), or 0 when it cannot be read.
func processCPU() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
