// Command doccheck fails when an exported name in a Go package folder has no doc comment: every
// exported type, function, method of an exported type, constant, variable, struct field and
// interface method. go vet and staticcheck check the form of doc comments, not that they exist.
//
// Usage: doccheck DIR...
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: doccheck DIR...")
		os.Exit(2)
	}
	var problems []string
	for _, dir := range os.Args[1:] {
		found, err := checkDir(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		problems = append(problems, found...)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// checkDir parses the non-test Go files of one folder and reports every exported name without a doc
// comment as "file:line:col: exported NAME has no doc comment".
func checkDir(dir string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	fset := token.NewFileSet()
	var problems []string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		problems = append(problems, checkFile(fset, file)...)
	}
	return problems, nil
}

// checkFile reports the exported names of one parsed file that have no doc comment.
func checkFile(fset *token.FileSet, file *ast.File) []string {
	var problems []string
	report := func(at token.Pos, what string) {
		problems = append(problems, fmt.Sprintf("%s: exported %s has no doc comment", fset.Position(at), what))
	}
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() || d.Doc != nil {
				continue
			}
			if d.Recv == nil {
				report(d.Name.Pos(), "func "+d.Name.Name)
			} else if recv := receiverName(d.Recv); ast.IsExported(recv) {
				report(d.Name.Pos(), "method "+recv+"."+d.Name.Name)
			}
		case *ast.GenDecl:
			// A comment on a parenthesised group documents the names in it, as go doc shows them.
			grouped := d.Lparen.IsValid() && d.Doc != nil
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					if s.Doc == nil && d.Doc == nil {
						report(s.Name.Pos(), "type "+s.Name.Name)
					}
					problems = append(problems, checkMembers(fset, s)...)
				case *ast.ValueSpec:
					if s.Doc != nil || s.Comment != nil || grouped || (!d.Lparen.IsValid() && d.Doc != nil) {
						continue
					}
					for _, n := range s.Names {
						if n.IsExported() {
							report(n.Pos(), d.Tok.String()+" "+n.Name)
						}
					}
				}
			}
		}
	}
	return problems
}

// checkMembers reports the exported fields of an exported struct and the exported methods of an
// exported interface that have neither a doc comment nor a line comment.
func checkMembers(fset *token.FileSet, s *ast.TypeSpec) []string {
	var fields *ast.FieldList
	kind := "field"
	switch t := s.Type.(type) {
	case *ast.StructType:
		fields = t.Fields
	case *ast.InterfaceType:
		fields, kind = t.Methods, "method"
	default:
		return nil
	}
	var problems []string
	for _, f := range fields.List {
		if f.Doc != nil || f.Comment != nil {
			continue
		}
		for _, n := range f.Names {
			if n.IsExported() {
				problems = append(problems, fmt.Sprintf("%s: exported %s %s.%s has no doc comment", fset.Position(n.Pos()), kind, s.Name.Name, n.Name))
			}
		}
	}
	return problems
}

// receiverName is the name of a method's receiver type, without pointer or type parameters.
func receiverName(recv *ast.FieldList) string {
	if len(recv.List) == 0 {
		return ""
	}
	t := recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
