//go:build race

package extract

// raceEnabled: the race detector slows the code it instruments several
// times over, so CPU-time bounds are checked in the run without it (.ci/run
// runs those tests again without -race).
const raceEnabled = true
