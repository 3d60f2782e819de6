package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestFigures measures issue 18's server figures on a generated vault, as
// a user meets them: `notegraph serve` runs as its own process over a
// copy of the vault (the edits go to the copy) built by `notegraph build`
// beforehand, and
//
//   - the first capped /api/graph (the page's first request) right after
//     serve is ready, then a second one, wall time and the server's CPU;
//   - the server's peak and current RSS after them;
//   - with Chromium, a one-note edit reaching the page: a new tag appended
//     to a note the page shows, timed from the write until the page's
//     graph holds the tag, and until the server's build event (its own
//     connection to /api/events);
//   - the first capped /api/graph after those builds.
//
// It runs only when NOTEGRAPH_BENCH_VAULT names a vault (made with
// `go run ./internal/cmd/vaultgen -n N -o DIR`):
//
//	NOTEGRAPH_BENCH_VAULT=/tmp/v20k go test ./serve -run TestFigures -v -timeout 30m
func TestFigures(t *testing.T) {
	vault := os.Getenv("NOTEGRAPH_BENCH_VAULT")
	if vault == "" {
		t.Skip("set NOTEGRAPH_BENCH_VAULT=DIR (a vaultgen vault) to measure serve's figures")
	}
	work := t.TempDir()
	notes := filepath.Join(work, "notes")
	db := filepath.Join(work, "graph.db")
	start := time.Now()
	copyTree(t, vault, notes)
	t.Logf("copied the vault in %v", time.Since(start).Round(time.Millisecond))
	bin := filepath.Join(work, "notegraph")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/notegraph").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Built first by the CLI, as a user does, so that serve's own build
	// finds nothing to do and its memory is that of serving.
	start = time.Now()
	if out, err := exec.Command(bin, "build", notes, "--db", db, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("notegraph build: %v\n%.2000s", err, out)
	}
	t.Logf("built the copy in %v", time.Since(start).Round(time.Millisecond))

	cmd := exec.Command(bin, "serve", notes, "--db", db, "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	base := make(chan string, 1)
	exited := make(chan struct{})
	log := &syncWriter{}
	go func() {
		defer close(exited)
		serving := regexp.MustCompile(`serving (http://\S+/)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			fmt.Fprintln(log, sc.Text())
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				base <- m[1]
			}
		}
	}()
	var url string
	select {
	case url = <-base:
	case <-exited:
		t.Fatalf("serve stopped:\n%s", log)
	case <-time.After(20 * time.Minute):
		t.Fatalf("serve did not start:\n%s", log)
	}
	pid := cmd.Process.Pid
	var rows [][2]string
	row := func(what, figure string) {
		rows = append(rows, [2]string{what, figure})
		t.Logf("%s: %s", what, figure)
	}
	row("serve ready (its build included)", time.Since(start).Round(time.Millisecond).String())

	// timedGet fetches url and says how long it took, in wall time and in
	// the server's CPU time.
	timedGet := func(url string) string {
		t.Helper()
		cpu := procCPU(t, pid)
		start := time.Now()
		res, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", url, res.Status)
		}
		return fmt.Sprintf("%v wall, %v server CPU, %.1f MB", time.Since(start).Round(time.Millisecond),
			(procCPU(t, pid) - cpu).Round(10*time.Millisecond), float64(n)/1e6)
	}
	row("first capped /api/graph", timedGet(url+"api/graph"))
	row("second capped /api/graph", timedGet(url+"api/graph"))
	row("server RSS after them (peak, now)", procRSS(t, pid))

	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Log("no Chromium: the edit figures are not measured")
	} else {
		for _, r := range measureEdits(t, exe, url, notes) {
			row(r[0], r[1])
		}
		row("first capped /api/graph after the edits' builds", timedGet(url+"api/graph"))
		row("server RSS at the end (peak, now)", procRSS(t, pid))
	}

	var b strings.Builder
	fmt.Fprintf(&b, "| %s (load %s) | |\n|---|---|\n", filepath.Base(vault), loadAverage())
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s |\n", r[0], r[1])
	}
	t.Logf("figures:\n%s\nserver log:\n%s", b.String(), log)
}

// edits is how many one-note edits measureEdits times.
const edits = 5

// measureEdits loads the page, then appends a new tag to a note the page
// shows, edits times, and returns the figures: the times from each write
// to the server's build event and to the tag in the page's graph.
func measureEdits(t *testing.T, exe, url, notes string) [][2]string {
	bctx := startBrowser(t, exe)
	start := time.Now()
	if err := chromedp.Do(bctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-drawn="true"]`))); err != nil {
		t.Fatal(err)
	}
	rows := [][2]string{{"page drawn after navigation", time.Since(start).Round(time.Millisecond).String()}}
	// The page's notes, fewest edges first: an edit that adds a tag to a
	// small note is the common case; the note must be one the page shows.
	paths, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`(() => { const g = window.notegraph.graph; return g.filterNodes((k, a) => a.kind === "note" && a.path).sort((a, b) => g.degree(a) - g.degree(b)).slice(0, 50).map((k) => g.getNodeAttribute(k, "path")); })()`))
	if err != nil || len(paths) < edits {
		t.Fatalf("notes of the page: %v, %v", paths, err)
	}
	builds := watchBuilds(t, url)
	var toEvent, toPage []time.Duration
	for i := range edits {
		tag := fmt.Sprintf("figtag%d", i)
		f, err := os.OpenFile(filepath.Join(notes, paths[i*7%len(paths)]), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("\n\nEdited while the page was open. #" + tag + "\n"); err != nil {
			t.Fatal(err)
		}
		f.Close()
		edited := time.Now()
		err = chromedp.Do(bctx, chromedp.Poll[chromedp.Void](`window.notegraph.graph.hasNode("tag:`+tag+`")`,
			chromedp.WithPollingTimeout(30*time.Second), chromedp.WithPollingInterval(10*time.Millisecond)))
		if err != nil {
			t.Fatalf("%s did not reach the page: %v", tag, err)
		}
		toPage = append(toPage, time.Since(edited))
		select {
		case at := <-builds:
			toEvent = append(toEvent, at.Sub(edited))
		case <-time.After(10 * time.Second):
			t.Fatal("no build event")
		}
		time.Sleep(2 * time.Second) // the page and the server settle before the next edit
	}
	spread := func(ds []time.Duration) string {
		s := slices.Clone(ds)
		slices.Sort(s)
		return fmt.Sprintf("median %v (%v to %v, %d edits)", s[len(s)/2].Round(time.Millisecond),
			s[0].Round(time.Millisecond), s[len(s)-1].Round(time.Millisecond), len(s))
	}
	return append(rows,
		[2]string{"edit → build event", spread(toEvent)},
		[2]string{"edit → tag in the page", spread(toPage)})
}

// watchBuilds follows /api/events and sends the time each build event
// arrives.
func watchBuilds(t *testing.T, url string) <-chan time.Time {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"api/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	c := make(chan time.Time, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 256<<20) // an event's data is one line
		for sc.Scan() {
			if sc.Text() == "event: build" {
				c <- time.Now()
			}
		}
	}()
	return c
}

// procCPU is the user and system CPU time the process pid has used.
func procCPU(t *testing.T, pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// The fields after the command's name, which is in parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

// procRSS is the peak and current resident memory of the process pid.
func procRSS(t *testing.T, pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	get := func(key string) string {
		m := regexp.MustCompile(key + `:\s+(\d+) kB`).FindSubmatch(b)
		if m == nil {
			return "?"
		}
		kb, _ := strconv.Atoi(string(m[1]))
		return fmt.Sprintf("%d MB", kb/1024)
	}
	return get("VmHWM") + ", " + get("VmRSS")
}

func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// copyTree copies the folder src to dst, keeping modification times, so
// that a store built from src finds the copy unchanged.
func copyTree(t *testing.T, src, dst string) {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == ".notegraph" {
				return filepath.SkipDir
			}
			return os.MkdirAll(to, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		copyFile(t, p, to)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, src, dst string) {
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(dst, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}
