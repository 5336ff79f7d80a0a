// Package register brings old registers into donthu: the reception
// registers (sổ tiếp công dân, Mẫu 03/TCD and the older sổ tiếp) and the
// petition registers that offices kept in Excel or typed from paper.
//
// Read loads a sheet of an .xlsx, .xls or .csv file as text cells. Prepare
// guesses what each column holds from its header (model.GuessRegisterField),
// detects the legacy encoding of each column (TCVN3, VNI-Windows) and
// plans every row: what it would create, what is wrong with it, and which
// persons it would be matched to and why. Nothing is written until Apply,
// which imports the whole plan in one transaction, each row as the events a
// desk would have written on the day (visit, petition, classification,
// case actions), with their original dates. Each row carries a
// fingerprint, so importing the same file again adds nothing.
//
// Caveats: a row is matched to an existing person only by ID number,
// phone, or folded name and year of birth; a name alone makes a new person
// (the duplicates review suggests merges later). A register that records
// no decision on a petition is imported as filed (lưu đơn), so that old
// letters do not fill the classification inbox.
package register
