package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/diglot/diglot/check"
	"github.com/diglot/diglot/internal/progress"
	"github.com/diglot/diglot/output"
	"github.com/diglot/diglot/translate/all"
)

// completionShells are the shells `diglot completion` writes a script for.
var completionShells = []string{"bash", "zsh", "fish"}

func (a *app) completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script: bash, zsh or fish",
		ArgsUsage: "SHELL",
		Description: `Prints a script that completes diglot's commands, flags, and the values of
flags with a fixed set (backends, formats, rules, progress modes), generated
from the same command list as the help.

   bash:  source <(diglot completion bash)         (in ~/.bashrc)
   zsh:   source <(diglot completion zsh)          (in ~/.zshrc, after compinit)
   fish:  diglot completion fish > ~/.config/fish/completions/diglot.fish`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return badUsage("completion: want one SHELL: %s", strings.Join(completionShells, ", "))
			}
			shell := strings.ToLower(c.Args().First())
			if !slices.Contains(completionShells, shell) {
				return unknownName("shell", shell, completionShells)
			}
			tree := newCompletionTree(c.App.Commands)
			switch shell {
			case "bash":
				return tree.writeBash(a.stdout)
			case "zsh":
				return tree.writeZsh(a.stdout)
			default:
				return tree.writeFish(a.stdout)
			}
		},
	}
}

// completionNode is one command of the tree the scripts complete: its path
// from diglot ("tm import"), subcommands and flags.
type completionNode struct {
	path  string
	usage string
	subs  []string
	flags []cli.Flag
}

type completionTree []completionNode

// newCompletionTree flattens the commands, depth first; the root ("") is
// first. The help command and hidden commands are left out.
func newCompletionTree(cmds []*cli.Command) completionTree {
	root := completionNode{}
	tree := completionTree{root}
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

// valueChoices are the values a flag of a command takes, when they are a
// fixed list the script can offer.
func valueChoices(path, flag string) []string {
	switch path + " --" + flag {
	case "translate --backend":
		return all.Backends().Names()
	case "translate --format":
		return output.FormatNames()
	case "translate --progress":
		names := make([]string, len(progress.Modes))
		for i, m := range progress.Modes {
			names[i] = string(m)
		}
		return names
	case "translate --md-layout", "review --md-layout":
		return []string{"interleaved", "table"}
	case "check --format":
		return check.Formats()
	case "check --fail-on":
		return []string{"error", "warning"}
	case "check --rules":
		return check.RuleIDs()
	case "diff --format":
		return diffFormats
	}
	return nil
}

// caseWords writes a shell case arm: pattern) echo "words";;
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
	fmt.Fprintln(w, "_diglot_subs() {\n  case \"$1\" in")
	for _, n := range t {
		if len(n.subs) > 0 {
			caseArm(w, n.path, n.subs)
		}
	}
	fmt.Fprintln(w, "  esac\n}")
	fmt.Fprintln(w, "_diglot_flags() {\n  case \"$1\" in")
	for _, n := range t {
		caseArm(w, n.path, n.flagWords())
	}
	fmt.Fprintln(w, "  esac\n}")
	fmt.Fprintln(w, "_diglot_values() {\n  case \"$1 $2\" in")
	for _, n := range t {
		for _, f := range n.flags {
			names := f.Names()
			choices := valueChoices(n.path, names[0])
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
	fmt.Fprintln(w, "# bash completion for diglot: source <(diglot completion bash)")
	t.writeHelpers(w)
	_, err := io.WriteString(w, `_diglot() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  local cmdpath="" word i list
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    case " $(_diglot_subs "$cmdpath") " in
      *" $word "*) cmdpath="${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  list="$(_diglot_values "$cmdpath" "$prev")"
  if [[ -n "$list" ]]; then
    COMPREPLY=($(compgen -W "$list" -- "$cur"))
    return
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_diglot_flags "$cmdpath")" -- "$cur"))
    return
  fi
  list="$(_diglot_subs "$cmdpath")"
  if [[ -n "$list" ]]; then
    COMPREPLY=($(compgen -W "$list" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o default -F _diglot diglot
`)
	return err
}

func (t completionTree) writeZsh(w io.Writer) error {
	fmt.Fprintln(w, "#compdef diglot\n# zsh completion for diglot: source <(diglot completion zsh), after compinit")
	t.writeHelpers(w)
	_, err := io.WriteString(w, `_diglot() {
  local cur="${words[CURRENT]}" prev="${words[CURRENT-1]}"
  local cmdpath="" word i list
  for ((i = 2; i < CURRENT; i++)); do
    word="${words[i]}"
    case " $(_diglot_subs "$cmdpath") " in
      *" $word "*) cmdpath="${cmdpath:+$cmdpath }$word" ;;
    esac
  done
  list="$(_diglot_values "$cmdpath" "$prev")"
  if [[ -n "$list" ]]; then
    compadd -- ${=list}
    return
  fi
  if [[ "$cur" == -* ]]; then
    list="$(_diglot_flags "$cmdpath")"
    compadd -- ${=list}
    return
  fi
  list="$(_diglot_subs "$cmdpath")"
  if [[ -n "$list" ]]; then
    compadd -- ${=list}
    return
  fi
  _files
}
if (( $+functions[compdef] )); then
  compdef _diglot diglot
fi
`)
	return err
}

func (t completionTree) writeFish(w io.Writer) error {
	fmt.Fprintln(w, "# fish completion for diglot: diglot completion fish > ~/.config/fish/completions/diglot.fish")
	for _, n := range t {
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
			fmt.Fprintf(w, "complete -c diglot -n %s -f -a %s -d %s\n", shellQuote(subCond), shellQuote(sub), shellQuote(t.usage(n.path, sub)))
		}
		if n.path == "" {
			continue
		}
		for _, f := range n.flags {
			names := f.Names()
			line := "complete -c diglot -n " + shellQuote(cond)
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
			if choices := valueChoices(n.path, names[0]); choices != nil {
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
	for _, n := range t {
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
