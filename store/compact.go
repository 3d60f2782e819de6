package store

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// compactTxBytes bounds the records copied in one transaction of a
// compaction, so that its memory stays small whatever the store's size.
const compactTxBytes = 64 << 20

// CompactIfSparse writes the store anew, without its free pages, when
// they outnumber the pages in use: bbolt reuses freed pages but never
// gives them back, so a store that lost many notes would stay as large as
// it was. The new file takes the old one's place as a first build's does.
func (s *Store) CompactIfSparse() error {
	if s.db == nil || s.bopt.ReadOnly {
		return nil
	}
	st := s.db.Stats()
	free := st.FreePageN + st.PendingPageN
	var pages int
	if err := s.view(func(tx *bolt.Tx) error {
		pages = int(tx.Size() / int64(s.db.Info().PageSize))
		return nil
	}); err != nil {
		return err
	}
	if free <= pages-free {
		return nil
	}
	return s.compact()
}

// compact copies every record into a new file and installs it.
func (s *Store) compact() error {
	f, err := s.createTemp("db")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // a no-op once installed
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{NoSync: s.bopt.NoSync, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return err
	}
	_, err = guard(s.path, func() (struct{}, error) { return struct{}{}, bolt.Compact(dst, s.db, compactTxBytes) })
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return s.install(tmp)
}
