//go:build race

package main

// raceEnabled: the race detector slows the code it instruments several
// times over; see notegraphCmd.
const raceEnabled = true
