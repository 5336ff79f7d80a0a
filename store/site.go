package store

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"unicode/utf8"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// SiteInit is what `donthu init` (or the first-run screen) asks for.
type SiteInit struct {
	Code, Name, Parent string
	Login, UserName    string
	Password           string
}

var siteCodeRE = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,11}$`)
var loginRE = regexp.MustCompile(`^[a-z][a-z0-9._-]{1,31}$`)

// ValidateSiteCode checks a site code: capital letters and digits, 2–12,
// starting with a letter (it begins every readable number).
func ValidateSiteCode(code string) *model.Msg {
	if !siteCodeRE.MatchString(code) {
		return model.NewMsg("code", "Mã đơn vị gồm 2–12 chữ in hoa không dấu và chữ số, bắt đầu bằng chữ (ví dụ GL07)", "A site code is 2–12 capital letters and digits starting with a letter (e.g. GL07)")
	}
	return nil
}

// ValidateLogin checks a login name.
func ValidateLogin(login string) *model.Msg {
	if !loginRE.MatchString(login) {
		return model.NewMsg("login", "Tên đăng nhập gồm 2–32 chữ thường không dấu, chữ số, dấu chấm hoặc gạch", "A login is 2–32 lower-case letters, digits, dots or dashes")
	}
	return nil
}

// ValidatePassword checks a new password.
func ValidatePassword(pw string) *model.Msg {
	if utf8.RuneCountInString(pw) < 4 {
		return model.NewMsg("password", "Mật khẩu cần ít nhất 4 ký tự", "A password needs at least 4 characters")
	}
	return nil
}

// Init sets up this file as a site: its identity, its key pairs and its
// first user (with every role). It refuses a file that already has a site.
func (s *Store) Init(in SiteInit) error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Parent = strings.ToUpper(strings.TrimSpace(in.Parent))
	in.Name, in.UserName = model.NFC(in.Name), model.NFC(in.UserName)
	in.Login = strings.TrimSpace(in.Login)
	if s.site != "" {
		return userErr(ErrNotInitialised, "Tệp này đã là dữ liệu của đơn vị "+s.site, "This file already belongs to site "+s.site)
	}
	if m := ValidateSiteCode(in.Code); m != nil {
		return m
	}
	if in.Parent != "" {
		if m := ValidateSiteCode(in.Parent); m != nil {
			return model.NewMsg("parent", "Mã đơn vị cấp trên: "+m.VI, "Parent code: "+m.EN)
		}
	}
	if in.Name == "" {
		return model.NewMsg("name", "Cần nhập tên đơn vị", "Enter the site's name")
	}
	if m := ValidateLogin(in.Login); m != nil {
		return m
	}
	if m := ValidatePassword(in.Password); m != nil {
		return m
	}
	if in.UserName == "" {
		in.UserName = in.Login
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	hash, wrap := hashPassword2(in.Password)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return err
	}
	s.site = in.Code
	var sess *session
	var keys *Identity
	_, err = s.write(in.Login, func(w *writer) error {
		meta := w.tx.Bucket(bMeta)
		if meta.Get([]byte("site")) != nil {
			return fmt.Errorf("store: site already set")
		}
		if err := meta.Put([]byte("site"), []byte(in.Code)); err != nil {
			return err
		}
		keys = &Identity{SignKey: priv, SignPub: priv.Public().(ed25519.PublicKey), Age: id}
		if err := putPublicKeys(w.tx, keys); err != nil {
			return err
		}
		today := model.DateOf(w.now)
		if _, err := w.emit(model.SiteEntity(in.Code), model.EvSiteCreated, "", model.Site{Name: in.Name, Parent: in.Parent, ValidFrom: today}); err != nil {
			return err
		}
		u := model.User{Login: in.Login, Name: in.UserName, Roles: []model.Role{model.RoleAdmin, model.RoleLeader, model.RoleHandler, model.RoleReceptionist}, Active: true}
		if err := w.createUser(u, hash); err != nil {
			return err
		}
		conf, err := newConfKey(w.tx)
		if err != nil {
			return err
		}
		if err := getState(w.tx, model.UserEntity(in.Code, in.Login), &u); err != nil {
			return err
		}
		// The first user is signed in: they set the site up.
		sess = &session{user: u, revealed: map[string]bool{}}
		uid, err := w.userIdentity(in.Login, wrap)
		if err != nil {
			return err
		}
		if err := wrapConf(w.tx, in.Login, conf); err != nil {
			return err
		}
		if err := wrapSiteKeys(w.tx, in.Login, keys); err != nil {
			return err
		}
		return w.unlock(sess, uid)
	})
	if err != nil {
		s.site = ""
		return err
	}
	s.sessMu.Lock()
	s.sess = sess
	s.sessMu.Unlock()
	return nil
}

// Identity is this site's name and keys.
type Identity struct {
	Site, Name, Parent string
	SignPub            ed25519.PublicKey
	SignKey            ed25519.PrivateKey
	Age                *age.X25519Identity
}

// Identity returns this site's identity and private keys.
func (s *Store) Identity() (Identity, error) {
	var id Identity
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		id, err = s.identityTx(tx)
		return err
	})
	return id, err
}

// identityTx returns the site's identity with the private keys the
// session holds (or, in a file from before sealing, keeps in the clear).
func (s *Store) identityTx(tx *bolt.Tx) (Identity, error) {
	var id Identity
	meta := tx.Bucket(bMeta)
	id.Site = string(meta.Get([]byte("site")))
	if id.Site == "" {
		return id, userErr(ErrNotInitialised, "Chưa thiết lập đơn vị. Hãy chạy: donthu init", "No site is set up. Run: donthu init")
	}
	keys := s.sessionKeys()
	if keys == nil {
		keys, _ = clearKeys(tx)
	}
	if keys == nil {
		return id, userErr(ErrKeysSealed, "Khóa của đơn vị được niêm phong: cần đăng nhập để ký hoặc mở gói dữ liệu", "The site's keys are sealed: sign in to sign or open a bundle")
	}
	id.SignKey, id.SignPub, id.Age = keys.SignKey, keys.SignPub, keys.Age
	var site model.Site
	if getState(tx, model.SiteEntity(id.Site), &site) == nil {
		id.Name, id.Parent = site.Name, site.Parent
	}
	return id, nil
}

// SiteInfo returns the folded record of a site (this one by default).
func (s *Store) SiteInfo(code string) (model.Site, error) {
	if code == "" {
		code = s.site
	}
	var site model.Site
	err := s.db.View(func(tx *bolt.Tx) error { return getState(tx, model.SiteEntity(code), &site) })
	if err != nil {
		return site, notFound(code)
	}
	return site, nil
}

// Sites returns every organisation unit this file knows, by code.
func (s *Store) Sites() []model.Site {
	var out []model.Site
	s.db.View(func(tx *bolt.Tx) error {
		return eachState(tx, model.EntSite, func(_ string, b []byte) error {
			var x model.Site
			if decodeJSON(b, &x) == nil {
				out = append(out, x)
			}
			return nil
		})
	})
	return out
}

// UpdateSite changes this site's name, parent, validity or successor;
// author must be a user the policy lets manage the site.
func (s *Store) UpdateSite(author string, site model.Site) error {
	site.Name, site.Address = model.NFC(site.Name), model.NFC(site.Address)
	site.Parent = strings.ToUpper(strings.TrimSpace(site.Parent))
	if site.Name == "" {
		return model.NewMsg("name", "Cần nhập tên đơn vị", "Enter the site's name")
	}
	if site.Parent != "" {
		if m := ValidateSiteCode(site.Parent); m != nil {
			return model.NewMsg("parent", "Mã đơn vị cấp trên: "+m.VI, "Parent code: "+m.EN)
		}
	}
	_, err := s.write(author, func(w *writer) error {
		if err := w.require(model.ActManageSite); err != nil {
			return err
		}
		_, err := w.emit(model.SiteEntity(s.site), model.EvSiteUpdated, "", site)
		return err
	})
	return err
}

// SetCalendarDay adds, changes or removes a calendar override of this
// site; author must be a user the policy lets manage the site.
func (s *Store) SetCalendarDay(author string, ch model.CalendarChange) error {
	if ch.Date.IsZero() {
		return model.NewMsg("date", "Chọn ngày", "Choose the day")
	}
	if !ch.Remove && !ch.Kind.Valid() {
		return model.NewMsg("kind", "Chọn loại ngày: nghỉ lễ, nghỉ bù, ngày nghỉ hoặc ngày làm việc", "Choose the kind of day: holiday, day off in lieu, day off or working day")
	}
	ch.Name = model.NFC(ch.Name)
	_, err := s.write(author, func(w *writer) error {
		if err := w.require(model.ActManageSite); err != nil {
			return err
		}
		_, err := w.emit(model.SiteEntity(s.site), model.EvCalendarOverride, "", ch)
		return err
	})
	return err
}

// Calendar returns the working-day calendar of this site: the law's
// holidays, the shipped government decisions, and the site's overrides.
func (s *Store) Calendar() *model.Calendar {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.cal == nil {
		ov := model.DefaultOverrides()
		if s.site != "" {
			if site, err := s.SiteInfo(""); err == nil {
				ov = append(ov, site.Overrides...)
			}
		}
		s.cal = model.NewCalendar(ov)
		s.cal.SetDueSoon(s.DueSoon())
	}
	return s.cal
}

// --- users ---

// The argon2id parameters of new passwords (STYLE.md: t=3, 64 MiB, p=4).
// They are variables only so that tests can make passwords cheap
// (CheapPasswordsForTests); the parameters are stored with each hash.
var (
	argonTime    uint32 = 3
	argonMemory  uint32 = 64 * 1024
	argonThreads uint8  = 4
)

// CheapPasswordsForTests makes new password hashes cost 64 KiB and one
// pass, so that a test suite can sign in thousands of times. Never call
// it outside tests.
func CheapPasswordsForTests() { argonTime, argonMemory, argonThreads = 1, 64, 1 }

// Passwords are hashed in NFC: the same Vietnamese password typed on a
// machine whose input method sends decomposed letters must still match.

// argon2id holds its 64 MiB until the next collection, and Go keeps
// freed memory a while: give it back to the system at once (a desk
// laptop has little), at the cost of one collection per sign-in.

func hashPassword(pw string) string {
	defer debug.FreeOSMemory()
	pw = norm.NFC.String(pw)
	salt := make([]byte, 16)
	rand.Read(salt)
	h := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, 32)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(h))
}

func checkPassword(encoded, pw string) bool {
	defer debug.FreeOSMemory()
	var m, t uint32
	var p uint8
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(norm.NFC.String(pw)), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// createUser records a user; hash is hashPassword of the password, made
// before the transaction (argon2 takes a quarter of a second, and the
// writer lock must not wait for it).
func (w *writer) createUser(u model.User, hash string) error {
	if m := ValidateLogin(u.Login); m != nil {
		return m
	}
	if m := checkUser(&u); m != nil {
		return m
	}
	var old model.User
	if getState(w.tx, model.UserEntity(w.s.site, u.Login), &old) == nil {
		return model.NewMsg("login", "Tên đăng nhập "+u.Login+" đã có", "The login "+u.Login+" is taken")
	}
	if _, err := w.emit(model.UserEntity(w.s.site, u.Login), model.EvUserCreated, "", u); err != nil {
		return err
	}
	return w.tx.Bucket(bMeta).Put([]byte("pw/"+u.Login), []byte(hash))
}

// checkUser normalises a user's name and refuses an empty name, no role
// or a role that does not exist.
func checkUser(u *model.User) *model.Msg {
	u.Name = model.NFC(u.Name)
	if u.Name == "" {
		return model.NewMsg("name", "Cần nhập họ tên người dùng", "Enter the user's name")
	}
	if len(u.Roles) == 0 {
		return model.NewMsg("roles", "Chọn ít nhất một vai trò", "Choose at least one role")
	}
	for _, r := range u.Roles {
		if !oneOf(r, model.Roles) {
			return model.NewMsg("roles", "Vai trò không có: "+string(r), "No such role: "+string(r))
		}
	}
	return nil
}

// CreateUser adds a desk user with a password. The user gets a key pair
// of their own, and the confidential key when their roles entitle them
// and the signed-in session holds it (else at the next entitled sign-in).
func (s *Store) CreateUser(author string, u model.User, password string) error {
	u.Active = true
	if m := ValidatePassword(password); m != nil {
		return m
	}
	hash, wrap := hashPassword2(password)
	_, err := s.write(author, func(w *writer) error {
		if err := w.require(model.ActManageUsers); err != nil {
			return err
		}
		if err := w.createUser(u, hash); err != nil {
			return err
		}
		rec, _, err := newUserKey(wrap)
		if err != nil {
			return err
		}
		if err := putUserKey(w.tx, u.Login, rec); err != nil {
			return err
		}
		return w.grantFromSession()
	})
	return err
}

// grantFromSession grants the confidential key to entitled users who
// lack it, and the site's keys to active users who lack them, when the
// session holds them.
func (w *writer) grantFromSession() error {
	if id := w.s.sessionKeys(); id != nil {
		if err := w.grantSiteKeys(id); err != nil {
			return err
		}
	}
	for _, id := range w.s.keyring() {
		if x, ok := id.(*age.X25519Identity); ok && string(w.tx.Bucket(bMeta).Get(keyConfPub)) == x.Recipient().String() {
			return w.grantConf(x)
		}
	}
	return nil
}

// UpdateUser changes a user's name, roles or active flag.
func (s *Store) UpdateUser(author string, u model.User) error {
	_, err := s.write(author, func(w *writer) error {
		if err := w.require(model.ActManageUsers); err != nil {
			return err
		}
		var old model.User
		if getState(w.tx, model.UserEntity(w.s.site, u.Login), &old) != nil {
			return notFound(u.Login)
		}
		if m := checkUser(&u); m != nil {
			return m
		}
		if !slices.Equal(old.Roles, u.Roles) || old.Active != u.Active {
			// Other roles, or none: the index of protected persons kept
			// for them is found again at their next sign-in, for what
			// they are now (a new name changes nothing there).
			if err := w.tx.Bucket(bMeta).Delete(sealedCacheKey(u.Login)); err != nil {
				return err
			}
		}
		_, err := w.emit(model.UserEntity(w.s.site, u.Login), model.EvUserUpdated, "", u)
		return err
	})
	return err
}

// SetPassword resets a user's password (kept only in this file): only a
// signed-in user who may manage users may. The user gets a new key pair:
// what was wrapped for the old one is granted again from the session, or
// at the next entitled sign-in. A person changing their own password
// keeps their key (ChangePassword).
func (s *Store) SetPassword(login, password string) error {
	if m := ValidatePassword(password); m != nil {
		return m
	}
	me, ok := s.Current()
	if !ok {
		return model.Wrap(ErrForbidden, model.NewMsg("", "Cần đăng nhập bằng tài khoản quản trị để đặt lại mật khẩu", "Sign in as an administrator to reset a password"))
	}
	h, wrap := hashPassword2(password)
	_, err := s.write(me.Login, func(w *writer) error {
		if err := w.require(model.ActManageUsers); err != nil {
			return err
		}
		var u model.User
		if getState(w.tx, model.UserEntity(s.site, login), &u) != nil {
			return notFound(login)
		}
		if err := w.tx.Bucket(bMeta).Put([]byte("pw/"+login), []byte(h)); err != nil {
			return err
		}
		rec, _, err := newUserKey(wrap)
		if err != nil {
			return err
		}
		if err := putUserKey(w.tx, login, rec); err != nil {
			return err
		}
		if err := w.tx.Bucket(bMeta).Delete(confKey(login)); err != nil {
			return err
		}
		if err := w.tx.Bucket(bMeta).Delete(siteKeyKey(login)); err != nil {
			return err
		}
		if err := w.tx.Bucket(bMeta).Delete(failKey(login)); err != nil {
			return err
		}
		return w.grantFromSession()
	})
	return err
}

// ChangePassword changes the signed-in user's own password, knowing the
// old one: their key pair is kept (boxed again), so nothing is lost.
func (s *Store) ChangePassword(login, old, password string) error {
	if m := ValidatePassword(password); m != nil {
		return m
	}
	var enc string
	s.db.View(func(tx *bolt.Tx) error {
		enc = string(tx.Bucket(bMeta).Get([]byte("pw/" + login)))
		return nil
	})
	ok, oldWrap := checkPassword2(enc, old)
	if !ok {
		return userErr(ErrBadPassword, "Mật khẩu cũ không đúng", "The old password is wrong")
	}
	h, wrap := hashPassword2(password)
	_, err := s.write(login, func(w *writer) error {
		if err := w.tx.Bucket(bMeta).Put([]byte("pw/"+login), []byte(h)); err != nil {
			return err
		}
		rec, ok := getUserKey(w.tx, login)
		if !ok || oldWrap == nil {
			return nil // made at the next sign-in
		}
		id, err := openUserKey(rec, oldWrap)
		if err != nil {
			return nil
		}
		nrec, err := boxUserKey(id, wrap)
		if err != nil {
			return err
		}
		return putUserKey(w.tx, login, nrec)
	})
	return err
}

// Authenticate checks a login and password and signs the user in (SignIn).
func (s *Store) Authenticate(login, password string) (model.User, error) {
	return s.SignIn(login, password)
}

// Users returns the active users of this site, by name.
func (s *Store) Users() []model.User {
	var out []model.User
	s.db.View(func(tx *bolt.Tx) error {
		return eachState(tx, model.EntUser, func(_ string, b []byte) error {
			var u model.User
			if decodeJSON(b, &u) == nil && u.Active && u.Site == s.site {
				out = append(out, u)
			}
			return nil
		})
	})
	sortBy(out, func(u model.User) string { return u.Name })
	return out
}

// AllUsers returns every user of this site, active or not, by login.
func (s *Store) AllUsers() []model.User {
	var out []model.User
	s.db.View(func(tx *bolt.Tx) error {
		return eachState(tx, model.EntUser, func(_ string, b []byte) error {
			var u model.User
			if decodeJSON(b, &u) == nil && u.Site == s.site {
				out = append(out, u)
			}
			return nil
		})
	})
	return out
}

// User returns one user by login (any site).
func (s *Store) User(login string) (model.User, error) {
	var u model.User
	err := s.db.View(func(tx *bolt.Tx) error { return getState(tx, model.UserEntity(s.site, login), &u) })
	if err != nil {
		return u, notFound(login)
	}
	return u, nil
}
