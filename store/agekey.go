package store

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"donthu/model"

	"filippo.io/age"
)

// The site's age identity, for the stock age tool, and encrypted backups
// opened again.
//
// A backup written with --encrypt-to CODE is an age file to that site's
// key. Its private half is sealed in that site's data file (sitekeys.go),
// so the stock tool cannot open the backup until an administrator writes
// the identity out (WriteAgeIdentity: audited, a file only its owner
// reads, to keep on a USB stick in the office's safe). donthu itself
// opens such a backup on restore with the signed-in site's own key or
// with an identity file (OpenEncryptedBackup).

// ageHeader starts every age file (the format's version line).
const ageHeader = "age-encryption.org/v1"

// IsEncryptedBackup reports whether path is an age-encrypted file.
func IsEncryptedBackup(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, len(ageHeader))
	n, _ := io.ReadFull(f, b)
	return string(b[:n]) == ageHeader
}

// WriteAgeIdentity writes this site's age identity to path in the
// format of age-keygen (a comment, the public key, the secret key), so
// `age -d -i path` opens the backups encrypted to this site. The
// signed-in user must be allowed to manage keys; it is recorded in the
// audit. An existing file is not overwritten.
func (s *Store) WriteAgeIdentity(path string) error {
	u, ok := s.Current()
	if !ok || !model.May(&u, model.ActManageKeys) {
		return model.Wrap(ErrForbidden, model.Refusal(model.ActManageKeys))
	}
	keys := s.sessionKeys()
	if keys == nil || keys.Age == nil {
		return model.Wrap(ErrKeysSealed, model.NewMsg("",
			"Phiên đăng nhập này chưa mở được khóa của đơn vị: hãy đăng nhập bằng tài khoản quản trị đã có khóa",
			"This sign-in does not hold the site's keys: sign in as an administrator who holds them"))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# donthu: khóa giải mã của đơn vị %s (site %s age identity), %s\n", s.site, s.site, s.now().In(model.VN).Format("02/01/2006 15:04"))
	fmt.Fprintf(&b, "# public key: %s\n", keys.Age.Recipient())
	fmt.Fprintf(&b, "%s\n", keys.Age)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		if os.IsExist(err) {
			return userErr(err, "Tệp "+path+" đã có: không ghi đè khóa", "The file "+path+" exists: a key is never overwritten")
		}
		return userErr(err, "Không ghi được "+path+": "+err.Error(), "Cannot write "+path+": "+err.Error())
	}
	_, err = f.Write(b.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return userErr(err, "Không ghi được "+path+": "+err.Error(), "Cannot write "+path+": "+err.Error())
	}
	return s.Audit(u.Login, model.EvExported, model.AuditNote{What: "age identity", File: path, Via: "cli"})
}

// SiteAgeIdentities returns the signed-in session's site identity (to
// open a backup encrypted to this site), or nil.
func (s *Store) SiteAgeIdentities() []age.Identity {
	if k := s.sessionKeys(); k != nil && k.Age != nil {
		return []age.Identity{k.Age}
	}
	return nil
}

// ReadIdentityFile reads an age identity file (as WriteAgeIdentity or
// age-keygen write it).
func ReadIdentityFile(path string) ([]age.Identity, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, userErr(err, "Không đọc được tệp khóa "+path, "Cannot read the key file "+path)
	}
	ids, err := age.ParseIdentities(bufio.NewReader(bytes.NewReader(b)))
	if err != nil {
		return nil, userErr(err, "Tệp "+path+" không phải khóa age", "The file "+path+" is not an age identity")
	}
	return ids, nil
}

// OpenEncryptedBackup decrypts the age file from into the plain file to
// with ids. A wrong key or a damaged file is refused and to is not left
// behind.
func OpenEncryptedBackup(from, to string, ids []age.Identity) error {
	in, err := os.Open(from)
	if err != nil {
		return userErr(err, "Không đọc được "+from, "Cannot read "+from)
	}
	defer in.Close()
	r, err := age.Decrypt(in, ids...)
	if err != nil {
		msg := err.Error()
		if _, ok := err.(*age.NoIdentityMatchError); ok || strings.Contains(msg, "no identity matched") {
			return userErr(err, "Bản sao lưu được mã hóa cho đơn vị khác: khóa này không mở được (cần tệp khóa của đơn vị nhận: donthu keys identity ở đơn vị đó)",
				"The backup is encrypted to another site: this key does not open it (the receiving site's key file is needed: donthu keys identity there)")
		}
		return userErr(err, "Bản sao lưu mã hóa bị hỏng: "+msg, "The encrypted backup is damaged: "+msg)
	}
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return userErr(err, "Không ghi được "+to+": "+err.Error(), "Cannot write "+to+": "+err.Error())
	}
	_, err = io.Copy(out, r)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(to)
		return userErr(err, "Bản sao lưu mã hóa bị hỏng: "+err.Error(), "The encrypted backup is damaged: "+err.Error())
	}
	return nil
}
