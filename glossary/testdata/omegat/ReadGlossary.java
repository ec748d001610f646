// ReadGlossary prints the entries OmegaT reads from glossary files, one per
// line: file, source, targets (|-separated), comment. Arguments: a project
// folder, the source and target languages, then the files. Run with the
// single-file source launcher: java -cp OmegaT.jar ReadGlossary.java ...

import java.io.File;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.*;

public class ReadGlossary {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        final ProjectProperties props = new ProjectProperties(dir);
        props.setSourceLanguage(args[1]);
        props.setTargetLanguage(args[2]);
        Core.setProject(new NotLoadedProject() {
            @Override public ProjectProperties getProjectProperties() { return props; }
        });
        for (int i = 3; i < args.length; i++) {
            File f = new File(args[i]);
            String n = f.getName().toLowerCase();
            List<GlossaryEntry> es;
            if (n.endsWith(".tbx")) es = GlossaryReaderTBX.read(f, false);
            else if (n.endsWith(".csv")) es = GlossaryReaderCSV.read(f, false);
            else es = GlossaryReaderTSV.read(f, false);
            for (GlossaryEntry e : es) {
                System.out.println(f.getName() + "\t" + e.getSrcText() + "\t" + String.join("|", e.getLocTerms(false)) + "\t" + e.getCommentText().replace("\n", "\\n"));
            }
        }
    }
}
