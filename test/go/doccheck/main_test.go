package main

import (
	"go/parser"
	"go/token"
	"reflect"
	"testing"
)

func TestCheckFile(t *testing.T) {
	const src = `package p

// Documented is documented.
type Documented struct {
	// Field is documented.
	Field int
	Line  int // Line has a line comment.
	Bare  int
	quiet int
}

type Bare interface {
	Method()
}

func (Documented) Undocumented() {}

func (hidden) Exported() {}

type hidden struct{ Shown int }

// Grouped documents both.
const (
	A = 1
	B = 2
)

const (
	C = 3 // C has a line comment.
	D = 4
)

var V = 5

func F() {}

func f() {}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"p.go:8:2: exported field Documented.Bare has no doc comment",
		"p.go:12:6: exported type Bare has no doc comment",
		"p.go:13:2: exported method Bare.Method has no doc comment",
		"p.go:16:19: exported method Documented.Undocumented has no doc comment",
		"p.go:30:2: exported const D has no doc comment",
		"p.go:33:5: exported var V has no doc comment",
		"p.go:35:6: exported func F has no doc comment",
	}
	if got := checkFile(fset, file); !reflect.DeepEqual(got, want) {
		t.Errorf("checkFile:\n got %q\nwant %q", got, want)
	}
}
