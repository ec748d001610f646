// Package textcols lays text out for a terminal: the width to use
// ($COLUMNS, else the terminal's, else 80), text wrapped at word
// boundaries, and two-column tables whose second column wraps within the
// width.
package textcols
