package register

//go:generate go run ./testdata/mkregister
