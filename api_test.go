package readme_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/constant"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"iter"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The exported API of the packages a user imports is kept in docs/api.txt,
// one line per feature in the format of Go's own cmd/api (api/go1.*.txt):
//
//	pkg client, func NewClient(*Config) (*Client, error)
//	pkg client, method (*Client) ListBackups(context.Context, ...) (...)
//	pkg client, type Config struct
//	pkg client, type Config struct, RegionId string
//
// TestAPI fails when the API and the file differ, so that every change of
// the API shows in a review as a change of docs/api.txt. Regenerate with
//
//	go test -run TestAPI -update .
var (
	update     = flag.Bool("update", false, "rewrite docs/api.txt from the packages' exported API")
	apiGolden  = "docs/api.txt"
	apiModule  = "github.com/computenest-sdk/computenest-go"
	apiPkgs    = []string{"client", "models", "computenesttest"}
	countedPkg = "client" // the package whose exported names the header counts
)

func TestAPI(t *testing.T) {
	pkgs := loadAPIPackages(t)
	var lines []string
	for _, p := range pkgs {
		lines = append(lines, apiLines(p)...)
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	n := countExported(pkgs[slices.Index(apiPkgs, countedPkg)])
	t.Logf("package %s exports %s", countedPkg, n)
	got := apiHeader(n) + strings.Join(lines, "\n") + "\n"

	if *update {
		if err := os.WriteFile(apiGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d lines", apiGolden, len(lines))
		return
	}
	want, err := os.ReadFile(apiGolden)
	if err != nil {
		t.Fatalf("%v\nregenerate it: go test -run TestAPI -update .", err)
	}
	if string(want) == got {
		return
	}
	added, removed := lineDiff(apiBody(string(want)), lines)
	var b strings.Builder
	fmt.Fprintf(&b, "the exported API differs from %s (regenerate it: go test -run TestAPI -update .)\n", apiGolden)
	for _, l := range removed {
		fmt.Fprintf(&b, "-%s\n", l)
	}
	for _, l := range added {
		fmt.Fprintf(&b, "+%s\n", l)
	}
	if len(added)+len(removed) == 0 {
		b.WriteString("(only the header differs)\n")
	}
	t.Error(b.String())
}

// apiHeader is the golden file's comment block; lines starting with # are
// not API lines.
func apiHeader(n exportedCount) string {
	return "# The exported API of packages " + strings.Join(apiPkgs, ", ") + ", in the format of Go's cmd/api.\n" +
		"# Generated from go/types by TestAPI (api_test.go); regenerate: go test -run TestAPI -update .\n" +
		"# Package " + countedPkg + " exports " + n.String() + ".\n"
}

// apiBody returns the API lines of a golden file.
func apiBody(s string) []string {
	var lines []string
	for l := range strings.Lines(s) {
		if l = strings.TrimSuffix(l, "\n"); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}

// lineDiff returns the lines of got missing from want and those of want
// missing from got, each in order.
func lineDiff(want, got []string) (added, removed []string) {
	in := func(s []string) map[string]bool {
		m := make(map[string]bool, len(s))
		for _, l := range s {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	for _, l := range got {
		if !w[l] {
			added = append(added, l)
		}
	}
	for _, l := range want {
		if !g[l] {
			removed = append(removed, l)
		}
	}
	return added, removed
}

// loadAPIPackages type-checks nothing itself: go list -export compiles the
// packages (through the build cache) and go/importer reads their export
// data, which holds every exported declaration with its full type. Only the
// standard library and the go command are needed.
func loadAPIPackages(t *testing.T) []*types.Package {
	t.Helper()
	args := []string{"list", "-export", "-deps", "-json=ImportPath,Export,Error"}
	for _, p := range apiPkgs {
		args = append(args, "./"+p)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("go", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	exports := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Export string
			Error              *struct{ Err string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if p.Error != nil {
			t.Fatalf("%s: %s", p.ImportPath, p.Error.Err)
		}
		exports[p.ImportPath] = p.Export
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok || f == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
	var pkgs []*types.Package
	for _, p := range apiPkgs {
		pkg, err := imp.Import(apiModule + "/" + p)
		if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, pkg)
	}
	return pkgs
}

// apiLines returns the package's API lines, as cmd/api writes them.
func apiLines(pkg *types.Package) []string {
	w := apiWriter{pkg: pkg}
	for obj := range exportedObjects(pkg) {
		name := obj.Name()
		switch obj := obj.(type) {
		case *types.Const:
			if b, ok := obj.Type().(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
				w.emit("const %s %s", name, w.typ(obj.Type()))
			}
			w.emit("const %s = %s", name, constValue(obj.Val()))
		case *types.Var:
			w.emit("var %s %s", name, w.typ(obj.Type()))
		case *types.Func:
			w.emit("func %s%s", name, w.signature(obj.Type().(*types.Signature)))
		case *types.TypeName:
			w.typeName(obj)
		}
	}
	return w.lines
}

// exportedObjects yields the package's exported package-level objects, by
// name.
func exportedObjects(pkg *types.Package) iter.Seq[types.Object] {
	return func(yield func(types.Object) bool) {
		for _, name := range pkg.Scope().Names() {
			if token.IsExported(name) && !yield(pkg.Scope().Lookup(name)) {
				return
			}
		}
	}
}

// constValue writes a constant as cmd/api does: its short form, and the
// exact one after it when they differ.
func constValue(v constant.Value) string {
	if s, exact := v.String(), v.ExactString(); s != exact {
		return s + "  // " + exact
	}
	return v.String()
}

type apiWriter struct {
	pkg   *types.Package
	lines []string
}

func (w *apiWriter) emit(format string, args ...any) {
	w.lines = append(w.lines, "pkg "+w.pkg.Name()+", "+fmt.Sprintf(format, args...))
}

// typ writes a type with other packages' names qualified by the package
// name (context.Context), the package's own unqualified.
func (w *apiWriter) typ(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == w.pkg {
			return ""
		}
		return p.Name()
	})
}

// signature writes a signature without parameter names:
// (context.Context, ...func(*Options)) (*Client, error).
func (w *apiWriter) signature(sig *types.Signature) string {
	var b strings.Builder
	if tp := sig.TypeParams(); tp != nil && tp.Len() > 0 {
		b.WriteString(w.typeParams(tp))
	}
	b.WriteString("(")
	for i := range sig.Params().Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		t := sig.Params().At(i).Type()
		if sig.Variadic() && i == sig.Params().Len()-1 {
			b.WriteString("..." + w.typ(t.(*types.Slice).Elem()))
		} else {
			b.WriteString(w.typ(t))
		}
	}
	b.WriteString(")")
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		b.WriteString(" " + w.typ(res.At(0).Type()))
	default:
		b.WriteString(" (")
		for i := range res.Len() {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(w.typ(res.At(i).Type()))
		}
		b.WriteString(")")
	}
	return b.String()
}

func (w *apiWriter) typeParams(tp *types.TypeParamList) string {
	var ps []string
	for i := range tp.Len() {
		p := tp.At(i)
		ps = append(ps, p.Obj().Name()+" "+w.typ(p.Constraint()))
	}
	return "[" + strings.Join(ps, ", ") + "]"
}

// typeName writes a type declaration: the type, its exported fields or
// interface methods, and the exported methods of T and *T, promoted ones
// included, as cmd/api does.
func (w *apiWriter) typeName(obj *types.TypeName) {
	name := obj.Name()
	if obj.IsAlias() {
		w.emit("type %s = %s", name, w.typ(types.Unalias(obj.Type())))
		return
	}
	named := obj.Type().(*types.Named)
	if tp := named.TypeParams(); tp != nil && tp.Len() > 0 {
		name += w.typeParams(tp)
	}
	switch u := named.Underlying().(type) {
	case *types.Struct:
		w.emit("type %s struct", name)
		for i := range u.NumFields() {
			f := u.Field(i)
			switch {
			case !f.Exported():
			case f.Embedded():
				w.emit("type %s struct, embedded %s", name, w.typ(f.Type()))
			default:
				w.emit("type %s struct, %s %s", name, f.Name(), w.typ(f.Type()))
			}
		}
	case *types.Interface:
		var exported []string
		unexported := false
		for i := range u.NumMethods() {
			m := u.Method(i)
			if !m.Exported() {
				unexported = true
				continue
			}
			exported = append(exported, m.Name())
			w.emit("type %s interface, %s%s", name, m.Name(), w.signature(m.Type().(*types.Signature)))
		}
		if unexported {
			exported = append(exported, "unexported methods")
		}
		w.emit("type %s interface { %s }", name, strings.Join(exported, ", "))
		return
	default:
		w.emit("type %s %s", name, w.typ(u))
	}
	recv := obj.Name()
	if tp := named.TypeParams(); tp != nil && tp.Len() > 0 {
		var ps []string
		for i := range tp.Len() {
			ps = append(ps, tp.At(i).Obj().Name())
		}
		recv += "[" + strings.Join(ps, ", ") + "]"
	}
	valueSet := types.NewMethodSet(named)
	for _, ms := range []*types.MethodSet{valueSet, types.NewMethodSet(types.NewPointer(named))} {
		for i := range ms.Len() {
			m := ms.At(i).Obj()
			if !m.Exported() {
				continue
			}
			r := recv
			if ms != valueSet {
				if valueSet.Lookup(m.Pkg(), m.Name()) != nil {
					continue
				}
				r = "*" + recv
			}
			w.emit("method (%s) %s%s", r, m.Name(), w.signature(m.Type().(*types.Signature)))
		}
	}
}

// exportedCount counts a package's exported names: package-level types,
// functions, constants and variables, the methods declared on its types
// (not the promoted ones), and the methods its interfaces declare
// (embedded interfaces' counted where they are declared). Struct fields are
// not counted.
type exportedCount struct{ types, funcs, consts, vars, methods, ifaceMethods int }

func (n exportedCount) total() int {
	return n.types + n.funcs + n.consts + n.vars + n.methods + n.ifaceMethods
}

func (n exportedCount) String() string {
	return fmt.Sprintf("%d names: %d types, %d functions, %d methods, %d interface methods, %d constants, %d variables",
		n.total(), n.types, n.funcs, n.methods, n.ifaceMethods, n.consts, n.vars)
}

func countExported(pkg *types.Package) exportedCount {
	var n exportedCount
	for obj := range exportedObjects(pkg) {
		switch obj := obj.(type) {
		case *types.Const:
			n.consts++
		case *types.Var:
			n.vars++
		case *types.Func:
			n.funcs++
		case *types.TypeName:
			n.types++
			if obj.IsAlias() {
				continue
			}
			named := obj.Type().(*types.Named)
			if iface, ok := named.Underlying().(*types.Interface); ok {
				for i := range iface.NumExplicitMethods() {
					if iface.ExplicitMethod(i).Exported() {
						n.ifaceMethods++
					}
				}
				continue
			}
			for i := range named.NumMethods() {
				if named.Method(i).Exported() {
					n.methods++
				}
			}
		}
	}
	return n
}
