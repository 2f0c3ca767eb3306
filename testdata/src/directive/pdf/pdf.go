// Package pdf declares a heavy function of its own with a directive.
package pdf

// Render renders a document.
//
//blockcheck:heavy lays out and rasterises whole documents
func Render(name string) []byte { // want Render:"reaches directive/pdf.Render"
	return []byte(name)
}
