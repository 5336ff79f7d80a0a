package common

import (
	"reflect"
	"testing"

	"donthu/model"
)

// TestEnglishHasNoVietnamese fails on a Vietnamese word in an English
// string of the interface, other than citations and the allowed names.
func TestEnglishHasNoVietnamese(t *testing.T) {
	en := WordsFor(model.EN)
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(path, v.Index(i))
			}
		case reflect.String:
			if w := model.VietnameseWord(v.String()); w != "" {
				t.Errorf("%s: %q has the Vietnamese word %q", path, v.String(), w)
			}
		}
	}
	walk("Words", reflect.ValueOf(*en))
}
