package cliutil

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// Shells are the shells [WriteCompletion] writes a script for.
var Shells = []string{"bash", "zsh", "fish"}

// WriteCompletion writes to w the completion script for shell (one of
// [Shells]) of the program prog whose commands are cmds: it completes
// commands, subcommands, flags, and the values of the flags for which
// choices (given the command's path, "tm import", and the flag's name)
// returns a list, and of every [ChoiceFlag]; choices may be nil. The scripts say how to install them with
// `prog completion SHELL`.
func WriteCompletion(w io.Writer, prog string, cmds []*cli.Command, shell string, choices func(path, flag string) []string) error {
	if !slices.Contains(Shells, shell) {
		return UnknownName("shell", shell, Shells)
	}
	if choices == nil {
		choices = func(string, string) []string { return nil }
	}
	t := completionTree{prog: prog, nodes: newCompletionTree(cmds), choice: choices}
	switch shell {
	case "bash":
		return t.writeBash(w)
	case "zsh":
		return t.writeZsh(w)
	}
	return t.writeFish(w)
}

// named is text with PROG replaced by the program's name.
func (t completionTree) named(text string) string {
	return strings.ReplaceAll(text, "PROG", t.prog)
}

// completionNode is one command of the tree the scripts complete: its path
// from the program ("tm import"), subcommands and flags.
type completionNode struct {
	path  string
	usage string
	subs  []string
	flags []cli.Flag
}

type completionTree struct {
	prog   string
	nodes  []completionNode
	choice func(path, flag string) []string
}

// newCompletionTree flattens the commands, depth first; the root ("") is
// first. The help command and hidden commands are left out.
func newCompletionTree(cmds []*cli.Command) []completionNode {
	tree := []completionNode{{}}
	var walk func(parent string, cmds []*cli.Command) []string
	walk = func(parent string, cmds []*cli.Command) []string {
		var names []string
		for _, c := range cmds {
			if c.Hidden || c.Name == "help" {
				continue
			}
			names = append(names, c.Name)
			path := strings.TrimSpace(parent + " " + c.Name)
			i := len(tree)
			tree = append(tree, completionNode{path: path, usage: c.Usage, flags: c.Flags})
			tree[i].subs = walk(path, c.Subcommands)
		}
		return names
	}
	tree[0].subs = walk("", cmds)
	return tree
}

// flagWords are the --names of a node's flags (and -x aliases), --help
// included.
func (n completionNode) flagWords() []string {
	words := []string{"--help"}
	if n.path == "" {
		words = append(words, "--version")
	}
	for _, f := range n.flags {
		for _, name := range f.Names() {
			words = append(words, dashed(name))
		}
	}
	return words
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// caseArm writes a shell case arm: pattern) echo "words";;
func caseArm(w io.Writer, pattern string, words []string) {
	fmt.Fprintf(w, "    %s) echo %s ;;\n", shellQuote(pattern), shellQuote(strings.Join(words, " ")))
}

// shellQuote single-quotes s for sh, bash, zsh and fish alike (none of
// the words it is used on holds a quote).
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeHelpers writes the functions both bash and zsh use: the
// subcommands, flags and flag values of a command path.
func (t completionTree) writeHelpers(w io.Writer) {
	fmt.Fprintf(w, "_%s_subs() {\n  case \"$1\" in\n", t.prog)
	for _, n := range t.nodes {
		if len(n.subs) > 0 {
			caseArm(w, n.path, n.subs)
		}
	}
	fmt.Fprintln(w, "  esac\n}")
	fmt.Fprintf(w, "_%s_flags() {\n  case \"$1\" in\n", t.prog)
	for _, n := range t.nodes {
		caseArm(w, n.path, n.flagWords())
	}
	fmt.Fprintln(w, "  esac\n}")
	fmt.Fprintf(w, "_%s_values() {\n  case \"$1 $2\" in\n", t.prog)
	for _, n := range t.nodes {
		for _, f := range n.flags {
			names := f.Names()
			choices := t.choicesOf(n.path, f)
			if choices == nil {
				continue
			}
			for _, name := range names {
				caseArm(w, n.path+" "+dashed(name), choices)
			}
		}
	}
	fmt.Fprintln(w, "  esac\n}")
}

func (t completionTree) writeBash(w io.Writer) error {
	fmt.Fprintln(w, t.named("# bash completion for PROG: source <(PROG completion bash)"))
	t.writeHelpers(w)
	_, err := io.WriteString(w, t.named(`_PROG() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  local cmdpath="" word i list
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    case " $(_PROG_subs "$cmdpath") " in
      *" $word "*) cmdpath="${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  list="$(_PROG_values "$cmdpath" "$prev")"
  if [[ -n "$list" ]]; then
    COMPREPLY=($(compgen -W "$list" -- "$cur"))
    return
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_PROG_flags "$cmdpath")" -- "$cur"))
    return
  fi
  list="$(_PROG_subs "$cmdpath")"
  if [[ -n "$list" ]]; then
    COMPREPLY=($(compgen -W "$list" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o default -F _PROG PROG
`))
	return err
}

func (t completionTree) writeZsh(w io.Writer) error {
	fmt.Fprintln(w, t.named("#compdef PROG\n# zsh completion for PROG: source <(PROG completion zsh), after compinit"))
	t.writeHelpers(w)
	_, err := io.WriteString(w, t.named(`_PROG() {
  local cur="${words[CURRENT]}" prev="${words[CURRENT-1]}"
  local cmdpath="" word i list
  for ((i = 2; i < CURRENT; i++)); do
    word="${words[i]}"
    case " $(_PROG_subs "$cmdpath") " in
      *" $word "*) cmdpath="${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  list="$(_PROG_values "$cmdpath" "$prev")"
  if [[ -n "$list" ]]; then
    compadd -- ${=list}
    return
  fi
  if [[ "$cur" == -* ]]; then
    list="$(_PROG_flags "$cmdpath")"
    compadd -- ${=list}
    return
  fi
  list="$(_PROG_subs "$cmdpath")"
  if [[ -n "$list" ]]; then
    compadd -- ${=list}
    return
  fi
  _files
}
if (( $+functions[compdef] )); then
  compdef _PROG PROG
fi
`))
	return err
}

func (t completionTree) writeFish(w io.Writer) error {
	fmt.Fprintln(w, t.named("# fish completion for PROG: PROG completion fish > ~/.config/fish/completions/PROG.fish"))
	for _, n := range t.nodes {
		cond := "__fish_use_subcommand"
		if n.path != "" {
			words := strings.Fields(n.path)
			cond = "__fish_seen_subcommand_from " + words[len(words)-1]
			if len(words) > 1 {
				cond = "__fish_seen_subcommand_from " + words[0] + "; and " + cond
			}
		}
		for _, sub := range n.subs {
			subCond := cond
			if n.path != "" {
				subCond += "; and not __fish_seen_subcommand_from " + strings.Join(n.subs, " ")
			}
			fmt.Fprintf(w, "complete -c %s -n %s -f -a %s -d %s\n", t.prog, shellQuote(subCond), shellQuote(sub), shellQuote(t.usage(n.path, sub)))
		}
		if n.path == "" {
			continue
		}
		for _, f := range n.flags {
			names := f.Names()
			line := "complete -c " + t.prog + " -n " + shellQuote(cond)
			for _, name := range names {
				if len(name) == 1 {
					line += " -s " + name
				} else {
					line += " -l " + name
				}
			}
			if _, isBool := f.(*cli.BoolFlag); !isBool {
				line += " -r"
			}
			if choices := t.choicesOf(n.path, f); choices != nil {
				line += " -f -a " + shellQuote(strings.Join(choices, " "))
			}
			if df, ok := f.(cli.DocGenerationFlag); ok {
				line += " -d " + shellQuote(firstLine(df.GetUsage()))
			}
			fmt.Fprintln(w, line)
		}
	}
	return nil
}

// usage is the one-line usage of the subcommand sub of path.
func (t completionTree) usage(path, sub string) string {
	full := strings.TrimSpace(path + " " + sub)
	for _, n := range t.nodes {
		if n.path == full {
			return firstLine(n.usage)
		}
	}
	return ""
}

// firstLine is s up to its first newline, with the help's `back quotes`
// and single quotes (which the scripts quote with) taken out.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.NewReplacer("`", "", "'", "").Replace(s)
}
