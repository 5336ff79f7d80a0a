package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
)

// Backups encrypted to the office, and restoring one.

// BackupEncrypted writes a consistent backup of the file encrypted with
// age to the pinned key of site to (the office), so the copy can travel
// by e-mail or USB: it opens with the stock age tool and that site's
// identity. to may be this site itself. Inside, the confidential senders and the site's keys stay
// sealed as in the file.
func (s *Store) BackupEncrypted(path, to string) error {
	to = normCode(to)
	var rcpt *age.X25519Recipient
	err := s.db.View(func(tx *bolt.Tx) error {
		if to == s.site {
			// To this site's own key: a copy for a USB stick that only
			// this site's administrators open (donthu keys identity).
			_, r, err := publicIdentity(tx)
			rcpt = r
			return err
		}
		rec, ok, err := getPeer(tx, to)
		if err != nil {
			return err
		}
		if !ok {
			return userErr(ErrNotPeer, "Chưa ghim thẻ khóa của đơn vị "+to+": hãy chạy donthu peer add", "The key card of "+to+" is not pinned: run donthu peer add")
		}
		rcpt, err = rec.Card.Recipient()
		return err
	})
	if err != nil {
		return err
	}
	plain := path + ".plain.part"
	defer os.Remove(plain)
	if err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(plain, 0o600) }); err != nil {
		return userErr(err, "Không sao lưu được: "+err.Error(), "Cannot back up: "+err.Error())
	}
	if err := markCopy(plain, s.now()); err != nil {
		return userErr(err, "Không sao lưu được: "+err.Error(), "Cannot back up: "+err.Error())
	}
	in, err := os.Open(plain)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := path + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return userErr(err, "Không ghi được "+path+": "+err.Error(), "Cannot write "+path+": "+err.Error())
	}
	w, err := age.Encrypt(out, rcpt)
	if err == nil {
		_, err = io.Copy(w, in)
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return userErr(err, "Không ghi được "+path+": "+err.Error(), "Cannot write "+path+": "+err.Error())
	}
	return nil
}

// Backup is an automatic or manual backup found beside the data file.
type BackupFile struct {
	Path     string
	Size     int64
	Modified time.Time
}

// Backups lists the backups in BackupDir, newest first.
func (s *Store) Backups() []BackupFile {
	matches, _ := filepath.Glob(filepath.Join(s.BackupDir(), "*.db"))
	var out []BackupFile
	for _, m := range matches {
		if fi, err := os.Stat(m); err == nil {
			out = append(out, BackupFile{Path: m, Size: fi.Size(), Modified: fi.ModTime()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Modified.After(out[j].Modified) })
	return out
}

// CheckBackup opens a backup read-only and checks it: a donthu file of
// site (any site when ""), whose log, chains, state and indexes agree.
func CheckBackup(path, site string) (err error) {
	// bbolt asserts on pages it cannot read (a panic): a damaged backup.
	defer func() {
		if r := recover(); r != nil {
			err = userErr(ErrCorrupt, fmt.Sprintf("Bản sao lưu bị hỏng, không khôi phục: %v", r), fmt.Sprintf("The backup is damaged; not restored: %v", r))
		}
	}()
	b, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer b.Close()
	if b.Site() == "" || (site != "" && b.Site() != site) {
		return userErr(ErrCorrupt, "Bản sao lưu "+path+" không phải dữ liệu của đơn vị "+site, "The backup "+path+" is not data of site "+site)
	}
	// bbolt's own consistency check first: pages, freelist, tree.
	var broken []string
	b.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			broken = append(broken, err.Error())
			if len(broken) == 3 {
				break
			}
		}
		return nil
	})
	if len(broken) > 0 {
		return userErr(ErrCorrupt, "Bản sao lưu bị hỏng, không khôi phục: "+strings.Join(broken, "; "), "The backup is damaged; not restored: "+strings.Join(broken, "; "))
	}
	if probs := b.Check(); len(probs) > 0 {
		var vi, en []string
		for _, p := range probs {
			vi, en = append(vi, p.VI), append(en, p.EN)
		}
		return userErr(ErrCorrupt, "Bản sao lưu bị hỏng, không khôi phục: "+strings.Join(vi, "; "), "The backup is damaged; not restored: "+strings.Join(en, "; "))
	}
	return nil
}

// Restore replaces the data file at current (closed: nobody may have it
// open) by the backup from, after checking it; the current file is kept
// aside beside it, and its name is returned. The backup is copied, not
// moved: it stays a backup. A backup that fails its check changes
// nothing.
func Restore(current, from string, now time.Time) (aside string, err error) {
	site := ""
	if _, err := os.Stat(current); err == nil {
		cur, err := Open(current, Options{ReadOnly: true})
		switch {
		case errors.Is(err, ErrLocked):
			return "", err // in use: close the interface first
		case err == nil:
			site = cur.Site()
			cur.Close()
		}
		// A current file too damaged to open is what a restore is for.
	}
	if err := CheckBackup(from, site); err != nil {
		return "", err
	}
	raw, err := os.ReadFile(from)
	if err != nil {
		return "", userErr(err, "Không đọc được "+from, "Cannot read "+from)
	}
	tmp := current + ".restore.part"
	err = writeSynced(tmp, raw)
	if err == nil {
		// Restored now: only the parent's answer written after this
		// moment says what this file lacks.
		err = markCopy(tmp, now)
	}
	if err != nil {
		os.Remove(tmp)
		return "", userErr(err, "Không ghi được tệp khôi phục: "+err.Error(), "Cannot write the restored file: "+err.Error())
	}
	if _, err := os.Stat(current); err == nil {
		aside = current + ".before-restore-" + now.In(model.VN).Format("20060102-150405")
		for n := 2; ; n++ { // never over an earlier one
			if _, err := os.Stat(aside); err != nil {
				break
			}
			aside = fmt.Sprintf("%s.before-restore-%s-%d", current, now.In(model.VN).Format("20060102-150405"), n)
		}
		if err := os.Rename(current, aside); err != nil {
			os.Remove(tmp)
			return "", userErr(err, "Không để riêng được tệp hiện tại: "+err.Error(), "Cannot keep the current file aside: "+err.Error())
		}
	}
	if err := os.Rename(tmp, current); err != nil {
		if aside != "" {
			os.Rename(aside, current)
		}
		return "", userErr(err, "Không khôi phục được: "+err.Error(), "Cannot restore: "+err.Error())
	}
	return aside, nil
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, bytes.NewReader(b)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// RestoreHere replaces this open file by a backup while the program runs
// (the settings screen): the backup is checked first, no write can slip
// in between, the current file is kept aside, the file is opened again,
// every cache and the session are dropped (everyone signs in again, with
// the users of the restored file), and the restore is recorded in the
// audit of the restored file. Only a user who may restore may.
func (s *Store) RestoreHere(author, from string) (aside string, err error) {
	var u model.User
	s.db.View(func(tx *bolt.Tx) error { return getState(tx, model.UserEntity(s.site, author), &u) })
	if !model.May(&u, model.ActRestore) {
		return "", model.Wrap(ErrForbidden, model.Refusal(model.ActRestore))
	}
	if err := CheckBackup(from, s.site); err != nil {
		return "", err
	}
	s.mu.Lock()
	// Searches and lists started meanwhile wait for the restored file
	// and read it (fileDB), rather than fail on the closed one.
	oerr := s.db.replace(func() (*bolt.DB, error) {
		aside, err = Restore(s.path, from, s.now())
		// Open whatever is there now: the backup, or (refused) the file as it was.
		return bolt.Open(s.path, 0o600, &bolt.Options{Timeout: time.Second, InitialMmapSize: initialMmap(s.path)})
	})
	if oerr != nil {
		s.mu.Unlock()
		return aside, userErr(oerr, "Không mở lại được tệp dữ liệu: "+oerr.Error()+". Hãy đóng donthu rồi mở lại.",
			"Cannot open the data file again: "+oerr.Error()+". Close donthu and open it again.")
	}
	perr := s.prepare()
	if perr == nil {
		perr = s.loadMeta()
	}
	s.mu.Unlock()
	if err == nil && perr != nil {
		err = perr
	}
	s.dropCaches()
	s.sessMu.Lock()
	s.sess = nil
	s.sessMu.Unlock()
	if err != nil {
		return "", err
	}
	s.write(author, func(w *writer) error {
		_, err := w.emit(model.AuditEntity(w.s.site), model.EvRestored, "", model.AuditNote{File: from, Via: "tui"})
		return err
	})
	return aside, nil
}
