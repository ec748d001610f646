package check

// jsonIndex locates parts of a bitext JSON document by line, for messages:
// the lines of the root object's keys and, for each element of its
// "segments" array, the line of the element's "id" key (or of its opening
// brace when it has none).
type jsonIndex struct {
	keys     map[string]int
	segments []int
}

// indexJSON scans data, which need not be valid JSON: it never fails, and
// what it cannot make sense of it leaves out.
func indexJSON(data []byte) jsonIndex {
	type frame struct {
		object    bool
		expectKey bool
		key       string
		segments  bool // the array of segments
		segment   int  // 1 + index in segments, for a segment object
		sawID     bool
	}
	ix := jsonIndex{keys: map[string]int{}}
	var stack []frame
	line := 1
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '"':
			start, startLine := i+1, line
			for i++; i < len(data) && data[i] != '"'; i++ {
				switch data[i] {
				case '\\':
					i++
				case '\n':
					line++
				}
			}
			if len(stack) == 0 || i >= len(data) {
				continue
			}
			top := &stack[len(stack)-1]
			if !top.object || !top.expectKey {
				continue
			}
			key := string(data[start:i])
			top.key, top.expectKey = key, false
			if len(stack) == 1 {
				if _, ok := ix.keys[key]; !ok {
					ix.keys[key] = startLine
				}
			}
			if top.segment > 0 && key == "id" && !top.sawID {
				top.sawID = true
				ix.segments[top.segment-1] = startLine
			}
		case '{', '[':
			f := frame{object: c == '{', expectKey: c == '{'}
			if n := len(stack); n > 0 {
				parent := stack[n-1]
				switch {
				case c == '[' && n == 1 && parent.object && parent.key == "segments":
					f.segments = true
				case c == '{' && parent.segments:
					ix.segments = append(ix.segments, line)
					f.segment = len(ix.segments)
				}
			}
			stack = append(stack, f)
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].expectKey = true
			}
		}
	}
	return ix
}

// lineOfOffset returns the 1-based line of byte offset off in data.
func lineOfOffset(data []byte, off int64) int {
	line := 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line++
		}
	}
	return line
}
