package common

import (
	"reflect"
	"testing"

	"donthu/model"
)

// TestNoEmptyWords fails on any empty string in either language, so a
// label can never silently vanish from a screen.
func TestNoEmptyWords(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		w := WordsFor(lang)
		walk(t, lang.Code(), reflect.ValueOf(*w))
	}
	for name, v := range map[string]any{"shellEN": shellEN, "receptionEN": receptionEN, "classifyEN": classifyEN, "queueEN": queueEN, "followupEN": followupEN, "syncEN": syncEN, "accessEN": accessEN, "settingsEN": settingsEN, "deskEN": deskEN} {
		walk(t, name, reflect.ValueOf(v))
	}
}

func walk(t *testing.T, path string, v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walk(t, path+"."+v.Type().Field(i).Name, v.Field(i))
		}
	case reflect.String:
		if v.String() == "" || v.String() == "TODO" {
			t.Errorf("%s is empty", path)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			t.Errorf("%s is empty", path)
		}
	}
}

func TestEnglishDiffers(t *testing.T) {
	vi, en := WordsFor(model.VI), WordsFor(model.EN)
	if vi.Shell.SignInTitle == en.Shell.SignInTitle {
		t.Fatal("English was not merged over Vietnamese")
	}
}
