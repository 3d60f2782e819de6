package runs

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"unsafe"
)

// TestSortKeysMatchesCompare sorts runs of keys made to be hard for an
// eight-byte radix sort: long shared prefixes, zero bytes (the separator
// inside edge keys), keys that are prefixes of others, lengths on and
// around multiples of eight, duplicates, and several buckets. The result
// must be ordered as compareEntries orders, with every entry kept.
func TestSortKeysMatchesCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	alphabet := []byte{0, 1, 'a', 'b', 0xfe, 0xff}
	stems := []string{"", "event:notes/2023/", "note:a/b/c/d/e/f/", "event:notes/2023/x.md#1", "ab\x00\x00\x00\x00\x00\x00"}
	for round := range 200 {
		buf := NewBuffer(1<<12, nil)
		n := r.IntN(300) + 1
		for range n {
			key := []byte(stems[r.IntN(len(stems))])
			for range r.IntN(20) {
				key = append(key, alphabet[r.IntN(len(alphabet))])
			}
			if r.IntN(4) == 0 { // a length near a multiple of eight
				key = key[:len(key)/8*8+r.IntN(2)*min(1, len(key)%8)]
			}
			buf.Add(byte(r.IntN(3)), key, []byte(fmt.Sprint(round)))
		}
		want := map[string]int{}
		for i := range buf.Len() {
			e := buf.Entry(i)
			want[string(e.Bucket)+"|"+string(e.Key)+"|"+string(e.Value)]++
		}
		buf.sortKeys(buf.index, 0)
		for i := 1; i < buf.Len(); i++ {
			if c := Compare(buf.Entry(i-1), buf.Entry(i)); c > 0 {
				a, b := buf.Entry(i-1), buf.Entry(i)
				t.Fatalf("round %d: %x %q sorted before %x %q", round, a.Bucket, a.Key, b.Bucket, b.Key)
			}
		}
		for i := range buf.Len() {
			e := buf.Entry(i)
			want[string(e.Bucket)+"|"+string(e.Key)+"|"+string(e.Value)]--
		}
		for k, c := range want {
			if c != 0 {
				t.Fatalf("round %d: entry %q count changed by %d", round, k, -c)
			}
		}
	}
}

func TestChunkAt(t *testing.T) {
	for _, c := range []struct {
		s     string
		depth int
		chunk uint64
		rest  uint8
	}{
		{"", 0, 0, 0},
		{"a", 0, 0x61 << 56, 1},
		{"abcdefgh", 0, 0x6162636465666768, 8},
		{"abcdefghi", 0, 0x6162636465666768, 9},
		{"abcdefghijklmnopqrstuvwxyz", 0, 0x6162636465666768, 9},
		{"abcdefghi", 8, 0x69 << 56, 1},
		{"abcdefgh", 8, 0, 0},
		{"ab\x00", 0, 0x6162 << 48, 3},
	} {
		chunk, rest := chunkAt([]byte(c.s), c.depth)
		if chunk != c.chunk || rest != c.rest {
			t.Errorf("chunkAt(%q, %d) = %#x, %d; want %#x, %d", c.s, c.depth, chunk, rest, c.chunk, c.rest)
		}
	}
}

// A slot stays at the size Buffer.Size counts.
func TestSlotSize(t *testing.T) {
	if n := unsafe.Sizeof(slot{}); n != slotBytes {
		t.Errorf("a slot is %d bytes; Buffer.Size counts %d", n, slotBytes)
	}
}

// TestRunFileRoundTrip writes sorted runs with front-coded keys and reads
// them back entry for entry; then reads damaged copies, which must fail
// with an error, never a panic or a wrong entry passed as good.
func TestRunFileRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	buf := NewBuffer(1<<16, nil)
	for range 3000 {
		key := []byte("event:notes/")
		for range r.IntN(12) {
			key = append(key, "ab/#\x00"[r.IntN(5)])
		}
		val := make([]byte, r.IntN(100))
		if r.IntN(50) == 0 {
			val = make([]byte, slabBytes) // bigger than a slab takes
		}
		buf.Add(byte(r.IntN(4)), key[:r.IntN(len(key)+1)], val)
	}
	f, err := os.CreateTemp(t.TempDir(), "run")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteRun(f, buf); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	got, err := readRun(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != buf.Len() {
		t.Fatalf("read %d entries, wrote %d", len(got), buf.Len())
	}
	raw := 0
	for i, e := range got {
		want := buf.Entry(i)
		raw += 1 + len(want.Key) + len(want.Value) + 3
		if Compare(e, want) != 0 || !bytes.Equal(e.Value, want.Value) {
			t.Fatalf("entry %d: read %x %q (%d bytes), wrote %x %q (%d bytes)", i, e.Bucket, e.Key, len(e.Value), want.Bucket, want.Key, len(want.Value))
		}
	}
	if len(data) >= raw {
		t.Errorf("run file is %d bytes, no smaller than the %d of its entries", len(data), raw)
	}
	readDamagedRuns(t, data)
}

// readRun reads every entry of a run file's bytes.
func readRun(b []byte) ([]Entry, error) {
	src := NewFileSource(bytes.NewReader(b))
	var es []Entry
	for {
		e, ok, err := src.Next()
		if err != nil || !ok {
			return es, err
		}
		es = append(es, e)
	}
}

// readDamagedRuns reads damaged copies of a run file's bytes: a run cut
// short, and runs whose first entry claims a shared prefix, no bucket or
// a value of a terabyte. Each must fail.
func readDamagedRuns(t *testing.T, data []byte) {
	for name, bad := range map[string][]byte{
		"truncated":  data[:len(data)-1],
		"shared":     append([]byte{5, 1, 0, 'x'}, data...),
		"no bucket":  append([]byte{0, 0, 0}, data...),
		"huge value": append([]byte{0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 'x'}, data...),
	} {
		if _, err := readRun(bad); err == nil {
			t.Errorf("%s run: no error", name)
		}
	}
}

// benchBuffer fills 4 MB of entries shaped as a bulk load's are: a note's
// records under its path, events and edges with long shared prefixes.
func benchBuffer(scratch *Scratch) *Buffer {
	buf := NewBuffer(4<<20, scratch)
	for i := 0; buf.Size() < 4<<20; i++ {
		note := fmt.Sprintf("dir%d/note%d.md", i%50, i)
		buf.Add(2, []byte(note), []byte("state"))
		buf.Add(9, []byte("note:"+note+"\x00"+note), []byte("attrs"))
		for e := 1; e <= 5; e++ {
			ev := fmt.Sprintf("event:%s#%d", note, e)
			buf.Add(9, []byte(ev+"\x00"+note), []byte("attrs"))
			buf.Add(4, []byte(ev+"\x00on\x00date:2017-06"), []byte{1})
			buf.Add(5, []byte("date:2017-06\x00on\x00"+ev), nil)
		}
		for t := range 3 {
			buf.Add(4, fmt.Appendf(nil, "note:%s\x00tagged\x00tag:t%d", note, (i*7+t)%40), []byte{1})
		}
	}
	return buf
}

// BenchmarkSortKeys measures the radix sort; BenchmarkSortKeysPdq the
// plain comparison sort it is measured against, on the same entries.
func BenchmarkSortKeys(b *testing.B) {
	buf := benchBuffer(&Scratch{})
	orig := slices.Clone(buf.index)
	b.ReportMetric(float64(len(orig)), "records")
	for b.Loop() {
		copy(buf.index, orig)
		buf.Sort()
	}
}

func BenchmarkSortKeysPdq(b *testing.B) {
	buf := benchBuffer(nil)
	orig := slices.Clone(buf.index)
	for b.Loop() {
		copy(buf.index, orig)
		slices.SortFunc(buf.index, func(x, y slot) int { return Compare(buf.at(x), buf.at(y)) })
	}
}
