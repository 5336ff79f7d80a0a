package common

import "donthu/model"

// Sender returns the sender of case c as the signed-in user may see it:
// show is false when the policy masks it (a confidential sender, to
// anyone it does not entitle or who has not revealed it on purpose), and
// the name is then "".
func Sender(ctx *Context, c *model.Case) (name string, show bool) {
	if !model.Shows(&ctx.User, model.SecretOfCase(c), ctx.Store.Revealed(ctx.User.Login, c.ID)) {
		return "", false
	}
	name, ok := ctx.Store.SenderName(c)
	return name, ok
}

// PrefLang is the store preference of a person's interface language
// ("vi" or "en"), applied at their next sign-in.
const PrefLang = "lang"

// RestoreMsg asks the root to replace the data file by a backup: it
// refuses while any screen holds unsaved input, and afterwards everyone
// signs in again.
type RestoreMsg struct{ Path string }
