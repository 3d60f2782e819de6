package merge

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/notegraph/notegraph/store/internal/runs"
)

// sortedSource is a sorted buffer of random entries, and the entries as
// added, for the test to compare with.
func sortedSource(r *rand.Rand, n, id int) (*runs.Buffer, []runs.Entry) {
	buf := runs.NewBuffer(1<<12, nil)
	var added []runs.Entry
	for i := range n {
		e := runs.Entry{Bucket: byte(r.IntN(3)), Key: fmt.Appendf(nil, "k%03d", r.IntN(200)), Value: fmt.Appendf(nil, "%d/%d", id, i)}
		buf.Add(e.Bucket, e.Key, e.Value)
		added = append(added, e)
	}
	buf.Sort()
	return buf, added
}

// TestMergeGroupsInOrder merges random sorted sources, some empty, and
// checks that every entry comes out once, that groups hold exactly the
// entries of one bucket and key, and that groups come in order.
func TestMergeGroupsInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 12 {
		var sources []Source
		want := map[string]int{}
		for id := range r.IntN(6) {
			buf, added := sortedSource(r, r.IntN(3*batchEntries), id)
			sources = append(sources, runs.NewBufferSource(buf, nil))
			for _, e := range added {
				want[fmt.Sprintf("%d|%s|%s", e.Bucket, e.Key, e.Value)]++
			}
		}
		var last *runs.Entry // a copy: put must not keep the group
		batches := 0
		err := Merge(context.Background(), sources, func(group []runs.Entry) error {
			for _, e := range group {
				if runs.Compare(e, group[0]) != 0 {
					t.Fatalf("round %d: group of %q holds %q", round, group[0].Key, e.Key)
				}
				want[fmt.Sprintf("%d|%s|%s", e.Bucket, e.Key, e.Value)]--
			}
			if last != nil && runs.Compare(*last, group[0]) >= 0 {
				t.Fatalf("round %d: group %d %q after %d %q", round, group[0].Bucket, group[0].Key, last.Bucket, last.Key)
			}
			first := group[0]
			last = &first
			return nil
		}, func() { batches++ })
		if err != nil {
			t.Fatal(err)
		}
		for k, n := range want {
			if n != 0 {
				t.Fatalf("round %d: entry %s came out %d times too few", round, k, n)
			}
		}
		if len(want) > 0 && batches == 0 {
			t.Errorf("round %d: progress never called", round)
		}
	}
}

// failingSource yields n good entries, then an error.
type failingSource struct{ n, i int }

var errRead = errors.New("read error")

func (s *failingSource) Next() (runs.Entry, bool, error) {
	if s.i == s.n {
		return runs.Entry{}, false, errRead
	}
	s.i++
	return runs.Entry{Key: fmt.Appendf(nil, "k%09d", s.i)}, true, nil
}

// TestMergeErrorsStop checks that an error on either side of the merge,
// in a source or in put, or a cancelled context, ends the merge with that
// error instead of a hang, early or many batches in.
func TestMergeErrorsStop(t *testing.T) {
	put := func([]runs.Entry) error { return nil }
	for _, n := range []int{0, 10, 5 * batchEntries * batches} {
		if err := Merge(context.Background(), []Source{&failingSource{n: n}}, put, nil); !errors.Is(err, errRead) {
			t.Errorf("read error after %d entries: %v", n, err)
		}
	}
	errPut := errors.New("put error")
	for _, after := range []int{0, 3 * batchEntries} {
		puts := 0
		err := Merge(context.Background(), []Source{&failingSource{n: -1}}, func([]runs.Entry) error {
			if puts++; puts > after {
				return errPut
			}
			return nil
		}, nil)
		if !errors.Is(err, errPut) {
			t.Errorf("put error after %d groups: %v", after, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	puts := 0
	err := Merge(ctx, []Source{&failingSource{n: -1}}, func([]runs.Entry) error {
		if puts++; puts == 2*batchEntries {
			cancel()
		}
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || puts > 3*batchEntries+16 {
		t.Errorf("cancelled: %v after %d groups", err, puts)
	}
}

// TestMergeKeepsSourceOrder checks that equal entries come in the order
// of their sources, which a bulk load's writer relies on for nothing but
// determinism.
func TestMergeKeepsSourceOrder(t *testing.T) {
	var sources []Source
	for id := range 5 {
		buf := runs.NewBuffer(64, nil)
		buf.Add(1, []byte("same"), []byte{byte(id)})
		sources = append(sources, runs.NewBufferSource(buf, nil))
	}
	var got []byte
	err := Merge(context.Background(), sources, func(group []runs.Entry) error {
		for _, e := range group {
			got = append(got, e.Value...)
		}
		return nil
	}, nil)
	if err != nil || !slices.Equal(got, []byte{0, 1, 2, 3, 4}) {
		t.Errorf("values %v, err %v; want the sources' order", got, err)
	}
}
