package paper

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"

	"donthu/model"
)

// A verification code names the printout's event and carries 40 bits
// derived from the site's signature over the printout:
//
//	SITE-SEQ-XXXX-XXXX
//
// SITE and SEQ are the (site, seq) of the document.printed event that
// holds the signed printout; XXXX-XXXX is the first 40 bits of SHA-256 of
// the signature, in Crockford's base32 (no I, L, O, U: read aloud and
// typed back without confusion). A code cannot be made without the site's
// private key, and a changed character names another event or fails the
// check.

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// authLen is the number of base32 characters of the authenticator.
const authLen = 8

// Auth is the authenticator of a signature: 8 characters.
func Auth(sig []byte) string {
	h := sha256.Sum256(sig)
	return crockford.EncodeToString(h[:5])
}

// Code formats a verification code.
func Code(site string, seq uint64, sig []byte) string {
	a := Auth(sig)
	return site + "-" + strconv.FormatUint(seq, 10) + "-" + a[:4] + "-" + a[4:]
}

// ParseCode reads a code as typed: any case, spaces ignored, and the
// letters people confuse with digits (O, I, L) taken as the digits.
func ParseCode(s string) (site string, seq uint64, auth string, m *model.Msg) {
	bad := model.NewMsg("code", "Mã xác thực có dạng MÃĐƠNVỊ-SỐ-XXXX-XXXX (ví dụ GL07-1234-K7QX-M2PA)",
		"A verification code looks like SITE-NUMBER-XXXX-XXXX (e.g. GL07-1234-K7QX-M2PA)")
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	s = strings.TrimPrefix(s, "DONTHU:")
	parts := strings.Split(s, "-")
	if len(parts) != 4 || len(parts[2]) != 4 || len(parts[3]) != 4 || parts[0] == "" {
		return "", 0, "", bad
	}
	n, err := strconv.ParseUint(parts[1], 10, 64)
	if err != nil || n == 0 {
		return "", 0, "", bad
	}
	a := strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(parts[2] + parts[3])
	if _, err := crockford.DecodeString(a); err != nil {
		return "", 0, "", bad
	}
	return parts[0], n, a, nil
}
