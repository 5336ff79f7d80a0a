package model

import (
	"errors"
	"io/fs"
	"syscall"
)

// Kind sorts the messages meant for a person by what they can do about
// them: fix an input, ask someone allowed, look for something else, run
// the file's check, free the disk.
type Kind int

const (
	// KindInvalid is an input to fix; Field names it.
	KindInvalid Kind = iota
	// KindRefused is an action not allowed here: to this user, in this
	// state, or not confirmed.
	KindRefused
	// KindNotFound is a record, file or folder that is not there.
	KindNotFound
	// KindBusy is the data file held by another program.
	KindBusy
	// KindDamaged is a damaged data file, backup or bundle: the way out
	// is donthu check, then donthu salvage or a backup.
	KindDamaged
	// KindSystem is the operating system refusing (disk full, no
	// permission, a removed stick).
	KindSystem
)

var kindNames = [...]string{"invalid", "refused", "not found", "busy", "damaged", "system"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Msg is the one error type meant for a person, from model, store and the
// screens alike: the sentence in Vietnamese and English, the field it is
// about (if any), its kind, and the cause underneath (a sentinel such as
// store.ErrLocked for errors.Is, or the system's error). Error() is for
// logs and programs, never for a screen: a screen shows In(lang), and the
// cause's own text only in the message log.
type Msg struct {
	Label
	// Field names the input the message is about ("cccd", "phone", ...), or "".
	Field string
	Kind  Kind
	// Err is the cause (errors.Is and errors.As see through it), or nil.
	Err error
}

// Error is the internal text: the kind, the English sentence, the cause.
func (m *Msg) Error() string {
	s := m.Kind.String() + ": " + m.EN
	if m.Field != "" {
		s = m.Field + ": " + s
	}
	if m.Err != nil {
		s += ": " + m.Err.Error()
	}
	return s
}

// Unwrap exposes the cause.
func (m *Msg) Unwrap() error { return m.Err }

// In returns the message in lang.
func (m *Msg) In(lang Lang) string { return m.Label.In(lang) }

// NewMsg builds a person-facing message: about an input when field is
// set, else a refusal.
func NewMsg(field, vi, en string) *Msg {
	k := KindRefused
	if field != "" {
		k = KindInvalid
	}
	return &Msg{Label: Label{vi, en}, Field: field, Kind: k}
}

// Wrap returns a copy of m with cause underneath (errors.Is(err, cause)
// holds); m is left as it was.
func Wrap(cause error, m *Msg) *Msg {
	c := *m
	c.Err = cause
	return &c
}

// And returns a copy of m with a sentence added: what happened meanwhile
// or what to do next.
func (m *Msg) And(more Label) *Msg {
	c := *m
	c.VI += " " + more.VI
	c.EN += " " + more.EN
	return &c
}

// Of returns a copy of m of kind k.
func (m *Msg) Of(k Kind) *Msg {
	c := *m
	c.Kind = k
	return &c
}

// MsgOf finds the message for a person in err's chain, or nil.
func MsgOf(err error) *Msg {
	var m *Msg
	if errors.As(err, &m) {
		return m
	}
	return nil
}

// Say returns what a person reads about err in lang, and the detail that
// belongs in a log only. A message meant for a person is its sentence;
// an error of the operating system is named in the person's language; any
// other error is one generic sentence, its text kept as detail.
func Say(err error, lang Lang) (text, detail string) {
	if err == nil {
		return "", ""
	}
	if m := MsgOf(err); m != nil {
		if m.Err != nil {
			detail = m.Err.Error()
		}
		return m.In(lang), detail
	}
	if IsSystem(err) {
		return ErrSystem(err).In(lang), err.Error()
	}
	return ErrUnknown().In(lang), err.Error()
}

// IsSystem reports whether err comes from the operating system (a file
// or folder, a system call).
func IsSystem(err error) bool {
	var errno syscall.Errno
	var pe *fs.PathError
	return errors.As(err, &pe) || errors.As(err, &errno)
}

// SystemWords names the common operating-system errors in both languages.
func SystemWords(err error) Label {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Label{"không có tệp hoặc thư mục này", "no such file or folder"}
	case errors.Is(err, fs.ErrPermission):
		return Label{"không có quyền truy cập", "permission denied"}
	case errors.Is(err, syscall.ENOSPC):
		return Label{"đĩa đã đầy", "the disk is full"}
	case errors.Is(err, syscall.EFBIG):
		return Label{"tệp vượt quá kích thước cho phép", "the file is larger than allowed"}
	case errors.Is(err, syscall.EROFS):
		return Label{"ổ đĩa chỉ cho đọc", "the drive is read-only"}
	case errors.Is(err, syscall.EISDIR):
		return Label{"đây là một thư mục", "it is a folder"}
	case errors.Is(err, syscall.ENOTDIR):
		return Label{"một phần của đường dẫn không phải thư mục", "part of the path is not a folder"}
	case errors.Is(err, syscall.EIO):
		return Label{"lỗi đọc ghi đĩa (đĩa hỏng hoặc thẻ nhớ bị rút?)", "input/output error (failing disk or removed stick?)"}
	}
	if IsSystem(err) {
		return Label{"lỗi hệ điều hành", "operating-system error"}
	}
	return Label{"lỗi không rõ", "unknown error"}
}
