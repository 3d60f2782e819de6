package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/notegraph/notegraph/internal/golden"
	"github.com/notegraph/notegraph/query"
	"github.com/notegraph/notegraph/store"
	"github.com/notegraph/notegraph/web"
)

// seedNote is the note the browser test searches for and edits: the
// project's seed note (../shared/seeds), added to the copy of the sample
// as think/chatgpt.md.
const (
	seedNote  = "think/chatgpt.md"
	seedQuery = "chatgpt"
)

// chromium finds a Chromium or Chrome to drive, or skips the test (fails
// under CI).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found: CI must install Debian's chromium")
	}
	t.Skip("no Chromium found: the browser test is skipped (apt-get install chromium)")
	return ""
}

// TestBrowser drives the page in headless Chromium over a copy of the
// sample notes: the graph draws, the page shows as many nodes as
// /api/graph gives, search finds the seed note and opens its panel, the
// timeline lists events, and a tag appended to a note on disk reaches the
// page within 3 s without a reload. With -update, it lets the layout
// settle and saves the whole graph and the seed note's local graph to
// docs/, for the README.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	if testing.Short() {
		t.Skip("-short: the browser test takes a while")
	}
	root := copyNotes(t)
	seed, query := seedNote, seedQuery
	if src, err := os.ReadFile("../../shared/seeds/000_edefaa27c121b6e3.txt"); err == nil {
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(seedNote)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, seedNote), src, 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		// A clone of the project alone has no ../shared: the same steps
		// on a note of the sample.
		t.Logf("no seed note in ../shared (%v): the steps run on papers/transformer.md", err)
		seed, query = "papers/transformer.md", "transformer"
	}
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	log := &syncWriter{}
	go func() {
		done <- Run(ctx, Options{Root: root, DB: filepath.Join(t.TempDir(), "g.db"), Addr: "127.0.0.1:0",
			Watch: true, Log: log, Ready: func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	defer func() {
		stop()
		if err := <-done; err != context.Canceled {
			t.Errorf("serve stopped with %v, want context.Canceled", err)
		}
	}()

	bctx := startBrowser(t, exe)

	// docsShot, with -update, lets the layout settle for a while and
	// saves the page as docs/name, for the README.
	docsShot := func(name string, settle time.Duration) {
		t.Helper()
		if !*golden.Update {
			return
		}
		time.Sleep(settle)
		buf, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join("..", "docs", name), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v\nserver log:\n%s", what, err, log.String())
		}
	}
	text := func(what string, a chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(bctx, a)
		if err != nil {
			t.Fatalf("%s: %v\nserver log:\n%s", what, err, log.String())
		}
		return v
	}

	// The graph draws, with as many nodes as the API gives.
	step("load the page", chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(`body[data-drawn="true"]`)))
	shown := text("read the node count", chromedp.Evaluate[string](`document.getElementById("count").dataset.nodes`))
	want := apiNodeCount(t, base+"api/graph")
	if shown != fmt.Sprint(want) {
		t.Errorf("the page shows %s nodes, /api/graph gives %d", shown, want)
	}
	docsShot("screenshot-graph.png", 4*time.Second)
	if !canvasDrawn(t, bctx) {
		t.Errorf("the graph's canvas looks blank")
	}
	step("mark the page", chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))

	// Search finds the seed note; picking it opens its panel.
	seedID := "note:" + seed
	step("search for the seed note",
		chromedp.KeyEvent("/"), // the page's shortcut focuses the search box
		chromedp.WaitVisible(chromedp.CSS("#search:focus")),
		chromedp.KeyEvent(query),
		chromedp.WaitVisible(chromedp.CSS(`#suggestions li[data-id="`+seedID+`"]`)),
		chromedp.Click(chromedp.CSS(`#suggestions li[data-id="`+seedID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel-title`)),
	)
	title := text("read the panel's title", chromedp.Text(chromedp.CSS(`#panel-title`)))
	if wantTitle := seedTitle(t, base, seedID); title != wantTitle {
		t.Errorf("the side panel's title is %q, want %q", title, wantTitle)
	}
	step("open the seed note's local graph",
		chromedp.Click(chromedp.CSS(`#panel .actions button`)),
		chromedp.WaitVisible(chromedp.CSS(`#toolbar.local`)),
	)
	docsShot("screenshot-local.png", 3*time.Second)
	if !canvasDrawn(t, bctx) {
		t.Errorf("the local graph's canvas looks blank")
	}

	// The timeline tab lists the events, the first as /api/timeline has it.
	step("open the timeline",
		chromedp.Click(chromedp.CSS(`#tab-timeline`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline li[data-id]`)),
	)
	first := text("read the first event", chromedp.Text(chromedp.CSS(`#timeline li[data-id]`)))
	if ev := firstEvent(t, base); !strings.Contains(first, ev) {
		t.Errorf("the timeline's first event reads %q, want it to hold %q", first, ev)
	}

	// A tag appended on disk reaches the page, without a reload.
	f, err := os.OpenFile(filepath.Join(root, seed), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n\nAdded while the page was open. #livetag\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	edited := time.Now()
	step("wait for tag:livetag", chromedp.Poll[chromedp.Void](`window.notReloaded === true && window.notegraph.graph.hasNode("tag:livetag") && document.getElementById("panel").innerText.includes("livetag")`,
		chromedp.WithPollingTimeout(3*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	t.Logf("tag:livetag reached the page %v after the edit", time.Since(edited).Round(time.Millisecond))

	// In the whole graph, an edit is merged in note by note: the page then
	// holds what /api/graph gives (the sample is below the cap).
	step("back to the whole graph",
		chromedp.Click(chromedp.CSS(`#tab-graph`)),
		chromedp.Click(chromedp.CSS(`input[name=scope][value=all]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#toolbar.local`)),
		chromedp.Sleep(time.Second),
	)
	f, err = os.OpenFile(filepath.Join(root, seed), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n\nAnd one more. #livetag2\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	step("wait for tag:livetag2", chromedp.Poll[chromedp.Void](`window.notReloaded === true && window.notegraph.graph.hasNode("tag:livetag2")`,
		chromedp.WithPollingTimeout(3*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)),
		chromedp.Sleep(200*time.Millisecond))
	var g struct{ Nodes, Edges []json.RawMessage }
	getJSON(t, base+"api/graph", &g)
	counts := text("read the counts", chromedp.Evaluate[string](`document.getElementById("count").dataset.nodes + " " + document.getElementById("count").dataset.edges`))
	if want := fmt.Sprintf("%d %d", len(g.Nodes), len(g.Edges)); counts != want {
		t.Errorf("after a live update the page holds %s nodes and edges, /api/graph %s", counts, want)
	}

	// A cap below the graph's size: the notice says so, and raises it.
	step("load with a cap of 40",
		chromedp.Navigate(base+"?max-nodes=40"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-drawn="true"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#notice`)),
	)
	if n := text("read the capped count", chromedp.Evaluate[string](`document.getElementById("count").dataset.nodes`)); n != "40" {
		t.Errorf("with ?max-nodes=40 the page shows %s nodes", n)
	}
	step("raise the cap", chromedp.Click(chromedp.CSS(`#show-more`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("count").dataset.nodes === "80"`, chromedp.WithPollingTimeout(5*time.Second)))
}

var (
	browserOnce sync.Once
	browserCtx  context.Context // the package's Chromium, started once
	browserStop context.CancelFunc
	browserErr  error
	// browserLog is the Logf of the test using the browser, for
	// Chromium's messages.
	browserLog atomic.Pointer[func(string, ...any)]
)

// TestMain closes the Chromium that startBrowser started.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if browserStop != nil {
		browserStop()
	}
	os.Exit(code)
}

// startBrowser opens a tab for the test in headless Chromium, with WebGL
// on SwiftShader, and returns its context, which ends after two minutes.
// One Chromium serves every test of the package (starting one costs more
// than most steps): the first call starts it and TestMain closes it. The
// page's console is logged when the test fails, and an uncaught error in
// the page fails it.
func startBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	return startBrowserFor(t, exe, 2*time.Minute)
}

// startBrowserFor is startBrowser with a tab that ends after timeout.
func startBrowserFor(t *testing.T, exe string, timeout time.Duration) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		// A laptop's window: WebGL in software draws every pixel, and
		// 1024x700 draws the same page for ~20% less CPU than the
		// 1400x900 of the docs' screenshots (-update).
		w, h := 1024, 700
		if *golden.Update {
			w, h = 1400, 900
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exe),
			chromedp.NoSandbox, // as root in CI
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("use-angle", "swiftshader"),
			chromedp.Flag("enable-unsafe-swiftshader", true),
			chromedp.Flag("ignore-gpu-blocklist", true),
			chromedp.WindowSize(w, h),
		)
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(func(format string, args ...any) {
			if logf := browserLog.Load(); logf != nil {
				(*logf)(format, args...)
			}
		}))
		browserCtx, browserStop = bctx, func() { cancelBrowser(); cancelAlloc() }
		_, browserErr = chromedp.Run(bctx, chromedp.Navigate("about:blank"))
	})
	if browserErr != nil {
		t.Fatalf("start Chromium: %v", browserErr)
	}
	logf := t.Logf
	browserLog.Store(&logf)
	t.Cleanup(func() { browserLog.CompareAndSwap(&logf, nil) })
	tctx, cancelTab := chromedp.NewContext(browserCtx)
	t.Cleanup(cancelTab)
	tctx, cancelTimeout := context.WithTimeout(tctx, timeout)
	t.Cleanup(cancelTimeout)

	// The page's console: logged, and an uncaught error fails the test.
	if _, err := chromedp.Run(tctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	console := &syncWriter{}
	var pageErrors atomic.Int32
	go func() {
		for m, err := range chromedp.Console(tctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleException {
				pageErrors.Add(1)
			}
			fmt.Fprintf(console, "%s: %s\n", m.Type, m.Text)
		}
	}()
	t.Cleanup(func() {
		if n := pageErrors.Load(); n > 0 {
			t.Errorf("%d uncaught errors in the page", n)
		}
		if t.Failed() {
			t.Logf("the page's console:\n%s", console)
		}
	})

	return tctx
}

// apiNodeCount is the number of nodes the graph at url holds.
func apiNodeCount(t *testing.T, url string) int {
	t.Helper()
	var g struct{ Nodes []json.RawMessage }
	getJSON(t, url, &g)
	return len(g.Nodes)
}

func seedTitle(t *testing.T, base, id string) string {
	var n query.Shown
	getJSON(t, base+"api/node?id="+id, &n)
	return n.Label
}

func firstEvent(t *testing.T, base string) string {
	var tl struct{ Events []struct{ Text string } }
	getJSON(t, base+"api/timeline", &tl)
	if len(tl.Events) == 0 {
		t.Fatal("no events in the sample")
	}
	return tl.Events[0].Text
}

// canvasDrawn reports whether the graph's canvas is drawn (see drawn)
// within 5 s, looking at it every quarter of a second.
func canvasDrawn(t *testing.T, bctx context.Context) bool {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; {
		canvas, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.CSS("#sigma")))
		if err != nil {
			t.Fatalf("screenshot of the canvas: %v", err)
		}
		if drawn(t, canvas) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// drawn reports whether a picture of the graph's canvas, less its
// margins where the toolbar and legend sit, has drawn pixels in several
// colours: nodes of different kinds, not a blank canvas.
func drawn(t *testing.T, shot []byte) bool {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	area := image.Rect(b.Min.X+250, b.Min.Y+10, b.Max.X-10, b.Max.Y-60).Intersect(b)
	bg := img.At(area.Max.X-2, area.Max.Y-2)
	colours := map[[3]uint32]int{}
	differ := 0
	for y := area.Min.Y; y < area.Max.Y; y += 2 {
		for x := area.Min.X; x < area.Max.X; x += 2 {
			c := img.At(x, y)
			if c != bg {
				differ++
				r, g, bl, _ := c.RGBA()
				colours[[3]uint32{r >> 12, g >> 12, bl >> 12}]++
			}
		}
	}
	t.Logf("canvas: %d of %d sampled pixels drawn, %d colours", differ, area.Dx()*area.Dy()/4, len(colours))
	return differ > 200 && len(colours) >= 4
}

// TestBrowserStandalone opens the page that `export --format html` writes,
// from a file, with no server: it draws the graph it holds, and search and
// the side panel work on it.
func TestBrowserStandalone(t *testing.T) {
	exe := chromium(t)
	if testing.Short() {
		t.Skip("-short: the browser test takes a while")
	}
	s := sampleServer(t, copyNotes(t))
	file := filepath.Join(t.TempDir(), "graph.html")
	var nodes int
	err := s.st.View(func(tx *store.Tx) error {
		f, err := os.Create(file)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := web.WriteStandalone(f, tx); err != nil {
			return err
		}
		nodes, _ = tx.Counts()
		return f.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	bctx := startBrowser(t, exe)
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	do("open the file", chromedp.Navigate("file://"+file), chromedp.WaitVisible(chromedp.CSS(`body[data-drawn="true"]`)))
	shown, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.getElementById("count").dataset.nodes`))
	if err != nil {
		t.Fatal(err)
	}
	if shown != fmt.Sprint(nodes) {
		t.Errorf("the page shows %s nodes, the store holds %d", shown, nodes)
	}
	do("search",
		chromedp.KeyEvent("/"),
		chromedp.WaitVisible(chromedp.CSS("#search:focus")),
		chromedp.KeyEvent("Transformer"),
		chromedp.WaitVisible(chromedp.CSS(`#suggestions li[data-id="note:papers/transformer.md"]`)),
		chromedp.Click(chromedp.CSS(`#suggestions li[data-id="note:papers/transformer.md"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel-title`)),
	)
	title, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#panel-title`)))
	if err != nil || title != "Transformer 论文笔记" {
		t.Errorf("the panel's title: %q, %v", title, err)
	}
	if !canvasDrawn(t, bctx) {
		t.Error("the exported page's canvas looks blank")
	}

	// In a browser that gives no WebGL (switched off, or a GPU it
	// refuses; Firefox headless here), the page says so, and search and
	// the side panel still work.
	if _, err := chromedp.Call(bctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `{
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return /webgl/.test(type) ? null : getContext.call(this, type, ...rest);
  };
}`}); err != nil {
		t.Fatal(err)
	}
	do("open the file without WebGL", chromedp.Navigate("file://"+file),
		chromedp.Poll[chromedp.Void](`document.getElementById("count").dataset.nodes === "`+fmt.Sprint(nodes)+`"`, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.WaitVisible(chromedp.CSS("#banner")),
		chromedp.KeyEvent("/"),
		chromedp.WaitVisible(chromedp.CSS("#search:focus")),
		chromedp.KeyEvent("Transformer"),
		chromedp.Click(chromedp.CSS(`#suggestions li[data-id="note:papers/transformer.md"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel-title`)),
	)
	if msg, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#banner`))); err != nil || !strings.Contains(msg, "no WebGL") {
		t.Errorf("without WebGL the banner reads %q (%v), want it to say so", msg, err)
	}
	if title, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#panel-title`))); err != nil || title != "Transformer 论文笔记" {
		t.Errorf("without WebGL, the panel's title: %q, %v", title, err)
	}
}
