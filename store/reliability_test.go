package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/notegraph/notegraph/graph"
)

// bulkStore makes a store of n notes through a bulk load, closed, and
// returns its path.
func bulkStore(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g.db")
	s := openAt(t, path, Options{})
	b, err := s.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := b.SetState(owner(i), benchState(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// readAll reads everything a command may read from the store at path:
// counts, stats, every node and edge, and neighbours.
func readAll(path string) error {
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	return s.View(func(tx *Tx) error {
		tx.Counts()
		if _, _, err := tx.Stats(); err != nil {
			return err
		}
		if err := tx.Nodes(func(graph.Node) error { return nil }); err != nil {
			return err
		}
		if err := tx.Edges(func(graph.Edge) error { return nil }); err != nil {
			return err
		}
		_, _, err := tx.Neighbors("tag:t1", NeighborQuery{Depth: 2})
		return err
	})
}

// TestOpenRefusesWhatIsNotAStore points Open, for writing, for rebuilding
// and for reading, at another program's bbolt file, a text file, an empty
// file, a note and a folder: each must be refused, and left as it was.
func TestOpenRefusesWhatIsNotAStore(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "other.db")
	db, err := bolt.Open(foreign, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("settings"))
		if err != nil {
			return err
		}
		return b.Put([]byte("theme"), []byte("dark"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	for _, path := range []string{
		foreign,
		write("essay.txt", strings.Repeat("An essay of many words. ", 500)),
		write("empty", ""),
		write("note.md", "# A note\n\n#tag text\n"),
		folder,
	} {
		before, _ := os.ReadFile(path)
		for _, opt := range []Options{{}, {Rebuild: true}, {ReadOnly: true}} {
			s, err := Open(path, opt)
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, ErrNotStore) {
				t.Errorf("%s %+v: %v, want ErrNotStore", filepath.Base(path), opt, err)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s changed", filepath.Base(path))
		}
	}
	if entries, _ := os.ReadDir(folder); len(entries) > 0 {
		t.Errorf("files made in the folder: %v", entries)
	}
}

// TestDamagedStoreIsAnError damages a store as a disk or a user may: cut
// at a page boundary, a bucket gone, an old schema. Every read must end
// in an error that says what to do, never a panic or a fault.
func TestDamagedStoreIsAnError(t *testing.T) {
	good := bulkStore(t, 300)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	page := os.Getpagesize()
	for _, tc := range []struct {
		name   string
		damage func(path string)
		want   error
	}{
		{"cut at a page boundary", func(path string) { os.Truncate(path, int64(len(data)/2/page*page)) }, ErrDamaged},
		{"cut to four pages", func(path string) { os.Truncate(path, int64(4*page)) }, ErrDamaged},
		{"a bucket gone", func(path string) {
			boltUpdate(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket(bNodes) })
		}, ErrDamaged},
		{"an older schema", func(path string) {
			boltUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put([]byte(metaSchema), []byte("1")) })
		}, ErrSchema},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.db")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			tc.damage(path)
			err := readAll(path)
			if !errors.Is(err, tc.want) {
				t.Fatalf("read: %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), "notegraph build --rebuild") {
				t.Errorf("the error does not say to rebuild: %v", err)
			}
			if s, err := Open(path, Options{}); !errors.Is(err, tc.want) {
				if err == nil {
					s.Close()
				}
				t.Errorf("open for writing: %v, want %v", err, tc.want)
			}
			rebuildAndRead(t, path, errors.Is(tc.want, ErrDamaged))
		})
	}
}

// TestDamagedOpenLetsGo checks that an Open that bbolt panics in leaves
// no lock behind: a second Open in the same process (a server, a test)
// must find the store damaged, not in use, and a rebuild must move it
// aside.
func TestDamagedOpenLetsGo(t *testing.T) {
	data, err := os.ReadFile(bulkStore(t, 300))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "g.db")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	zeroFreelist(t)(path)
	for i := 0; i < 2; i++ {
		if s, err := Open(path, Options{LockTimeout: 100 * time.Millisecond}); !errors.Is(err, ErrDamaged) {
			if err == nil {
				s.Close()
			}
			t.Fatalf("open %d: %v, want %v", i+1, err, ErrDamaged)
		}
	}
	rebuildAndRead(t, path, true)
}

// zeroFreelist damages a bbolt file as bbolt meets it only half-way
// through its Open: the header of the freelist page each meta page names
// is zeroed, which bbolt reads as a page of no type, and panics.
func zeroFreelist(t *testing.T) func(path string) {
	return func(path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for m := 0; m < 2; m++ {
			// A meta page: a 16-byte page header, then magic, version,
			// page size and flags (4 bytes each), the root bucket (16)
			// and the freelist's page id.
			size := int(binary.LittleEndian.Uint32(data[24:]))
			meta := data[m*size:]
			free := int(binary.LittleEndian.Uint64(meta[48:]))
			clear(data[free*size : free*size+16])
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rebuildAndRead rebuilds the store at path, which a damaged store is
// moved aside for (movedAside), and reads the new one.
func rebuildAndRead(t *testing.T, path string, movedAside bool) {
	t.Helper()
	s, err := Open(path, Options{Rebuild: true})
	if err != nil {
		t.Fatalf("open to rebuild: %v", err)
	}
	defer s.Close()
	if movedAside != (s.MovedAside != "") {
		t.Errorf("moved aside to %q", s.MovedAside)
	}
	b := s.BeginRebuild()
	if err := b.SetState(owner(1), benchState(1)); err != nil {
		t.Fatal(err)
	}
	if err := b.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := readAll(path); err != nil {
		t.Errorf("after the rebuild: %v", err)
	}
}

// boltUpdate changes the bbolt file at path in one transaction, behind
// the store's back.
func boltUpdate(t *testing.T, path string, fn func(*bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// FuzzStoreBytes reads stores whose bytes the fuzzer changed: every
// command's reads must end in a result or an error, never a crash.
func FuzzStoreBytes(f *testing.F) {
	good := bulkStore(f, 5)
	data, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "g.db")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			_ = readAll(path)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			buf := make([]byte, 1<<20)
			t.Fatalf("reading the store hangs:\n%s", buf[:runtime.Stack(buf, true)])
		}
	})
}

// TestDamagedStoreBitFlips flips bytes all over a store: reads must end
// in a result or an error, never a crash (FuzzStoreBytes goes further).
func TestDamagedStoreBitFlips(t *testing.T) {
	good := bulkStore(t, 300)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	errs := 0
	for i := range 200 {
		bad := bytes.Clone(data)
		for j := range 8 {
			bad[(i*7919+j*104729)%len(bad)] ^= byte(1 << (j % 8))
		}
		path := filepath.Join(t.TempDir(), "g.db")
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if readAll(path) != nil {
			errs++
		}
	}
	t.Logf("%d of 200 damaged stores gave an error", errs)
}

// TestReadersNeverSeeAnEmptyFirstBuild polls a store from readers while
// its first build finishes: each must see the whole graph, or be told the
// store is in use or not built yet, never an empty graph.
func TestReadersNeverSeeAnEmptyFirstBuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	s := openAt(t, path, Options{})
	b, err := s.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		if err := b.SetState(owner(i), benchState(i)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	seen := map[string]int{}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				what := pollStore(path)
				mu.Lock()
				seen[what]++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	if err := b.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	t.Log(seen)
	for what, n := range seen {
		if what != "in use" && what != "unbuilt" && what != "graph" {
			t.Errorf("%d readers saw %s", n, what)
		}
	}
	if seen["graph"] == 0 {
		t.Error("no reader saw the graph after the build")
	}
}

// pollStore opens the store at path as a query would, and says what it
// saw: "in use", "unbuilt", a graph, an EMPTY one, or an error.
func pollStore(path string) string {
	r, err := Open(path, Options{ReadOnly: true, LockTimeout: 50 * time.Millisecond})
	switch {
	case errors.Is(err, ErrInUse):
		return "in use"
	case errors.Is(err, ErrUnbuilt):
		return "unbuilt"
	case err != nil:
		return err.Error()
	}
	defer r.Close()
	what := "EMPTY"
	r.View(func(tx *Tx) error {
		if n, _ := tx.Counts(); n > 0 {
			what = "graph"
		}
		return nil
	})
	return what
}

// TestWaitingWriterOpensTheNewFile has a second writer wait for the lock
// while the first installs a new store file: once it has the lock, it
// must work on the new file, not on the old one, gone from the folder.
func TestWaitingWriterOpensTheNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	s := openAt(t, path, Options{})
	b, err := s.BeginBulk()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := b.SetState(owner(i), benchState(i)); err != nil {
			t.Fatal(err)
		}
	}
	opened := make(chan *Store)
	go func() {
		w, err := Open(path, Options{LockTimeout: 10 * time.Second})
		if err != nil {
			t.Error(err)
		}
		opened <- w
	}()
	time.Sleep(100 * time.Millisecond) // the second writer waits for the lock
	if err := b.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	w := <-opened
	if w == nil {
		return
	}
	defer w.Close()
	w.View(func(tx *Tx) error {
		if n, _ := tx.Counts(); n == 0 {
			t.Error("the waiting writer opened the old, empty file")
		}
		return nil
	})
}

// TestLockMessageNamesHolder checks that a writer kept out by a reader is
// told so, and how long it waited.
func TestLockMessageNamesHolder(t *testing.T) {
	path := bulkStore(t, 5)
	r := openAt(t, path, Options{ReadOnly: true})
	_, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "a query is reading it") || !strings.Contains(err.Error(), "waited") {
		t.Errorf("writer kept out by a reader: %v", err)
	}
	r.Close()
	w := openAt(t, path, Options{})
	_, err = Open(path, Options{ReadOnly: true, LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "a build or `notegraph serve` holds it for writing") {
		t.Errorf("reader kept out by a writer: %v", err)
	}
	w.Close()
}

// TestCompactIfSparse deletes most notes of a store: the file must shrink
// to about what the rest needs, and keep every record.
func TestCompactIfSparse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	s := openAt(t, path, Options{NoSync: true})
	load(t, s, 0, 1000)
	if err := s.CompactIfSparse(); err != nil {
		t.Fatal(err)
	}
	full := statFile(t, path).Size()
	if err := s.Update(func(tx *Tx) error {
		for i := range 900 {
			if err := tx.SetState(owner(i), &NoteState{}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := rawDump(t, s)
	if err := s.CompactIfSparse(); err != nil {
		t.Fatal(err)
	}
	if got := statFile(t, path).Size(); got > full/3 {
		t.Errorf("after deleting 90%% of the notes the store is %d bytes, %d before", got, full)
	}
	if got := rawDump(t, s); len(got) != len(want) || got[string(bNodes)] != want[string(bNodes)] || got[string(bOut)] != want[string(bOut)] {
		t.Errorf("compaction changed the records:\n%v\n%v", got, want)
	}
}

// TestCheckFindsBrokenIndex breaks what bbolt's own check cannot see: an
// edge without its reverse entry, a count in meta. Check must say so.
func TestCheckFindsBrokenIndex(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		breakIt    func(tx *bolt.Tx) error
	}{
		{"in entry gone", "has no in entry", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bIn).Cursor().First()
			return tx.Bucket(bIn).Delete(k)
		}},
		{"count wrong", "meta counts", func(tx *bolt.Tx) error {
			return tx.Bucket(bMeta).Put([]byte(metaNodes), []byte{7})
		}},
	} {
		data, err := os.ReadFile(bulkStore(t, 20))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "copy.db") // to damage
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("check of a whole store: %v", err)
		}
		if err := s.update(tc.breakIt); err != nil {
			t.Fatal(err)
		}
		if err := s.Check(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: check says %v", tc.name, err)
		}
		s.Close()
	}
}
