import type { IYText } from '@jupyter/ydoc';
import { LanguageSupport, StreamLanguage } from '@codemirror/language';
import { csharp } from '@codemirror/legacy-modes/mode/clike';
import type { IEditorMimeTypeService } from '@jupyterlab/codeeditor';
import {
  CodeMirrorEditorFactory,
  CodeMirrorMimeTypeService,
  EditorExtensionRegistry,
  EditorLanguageRegistry,
  EditorThemeRegistry,
  type IEditorLanguage,
  parseMathIPython,
  ybinding
} from '@jupyterlab/codemirror';
import type { ITranslator } from '@jupyterlab/translation';

export interface IEditorServices {
  readonly languages: EditorLanguageRegistry;
  readonly factoryService: CodeMirrorEditorFactory;
  readonly mimeTypeService: IEditorMimeTypeService;
}

/**
 * C#, as the AI Studio kernel describes its cells: language_info `{"name": "C#", "mimetype": "text/x-csharp",
 * "file_extension": ".cs"}`, kernelspec language `csharp`. Highlighted with CodeMirror's legacy C-like C# mode.
 */
export const csharpLanguage: IEditorLanguage = {
  name: 'C#',
  displayName: 'C#',
  alias: ['csharp', 'cs'],
  mime: ['text/x-csharp', 'text/x-csharp-script'],
  extensions: ['cs', 'csx'],
  support: new LanguageSupport(StreamLanguage.define(csharp))
};

/** CodeMirror 6 editors for the notebook's cells: languages, themes, JupyterLab's default editor extensions. */
export function createEditorServices(translator: ITranslator): IEditorServices {
  const languages = createLanguages(translator);
  const factoryService = new CodeMirrorEditorFactory({
    extensions: createExtensions(translator),
    languages,
    translator
  });
  return { languages, factoryService, mimeTypeService: new CodeMirrorMimeTypeService(languages) };
}

function createLanguages(translator: ITranslator): EditorLanguageRegistry {
  const languages = new EditorLanguageRegistry();
  // Ours first, so the C# cells never depend on what JupyterLab's default list happens to contain.
  languages.addLanguage(csharpLanguage);
  for (const language of EditorLanguageRegistry.getDefaultLanguages(translator, info => languages.findBest(info))) {
    if (isRegistered(languages, language)) {
      continue;
    }
    languages.addLanguage(language);
  }
  // Markdown cells: GitHub-flavoured Markdown with $…$ math, code blocks highlighted in their own language.
  languages.addLanguage({
    name: 'ipythongfm',
    mime: 'text/x-ipythongfm',
    load: async () => {
      const [markdown, tex] = await Promise.all([
        import('@codemirror/lang-markdown'),
        import('@codemirror/legacy-modes/mode/stex')
      ]);
      return markdown.markdown({
        base: markdown.markdownLanguage,
        // The registry's specs are what CodeMirror's markdown expects of a code language (as JupyterLab does).
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        codeLanguages: (info: string) => languages.findBest(info) as any,
        extensions: [parseMathIPython(StreamLanguage.define(tex.stexMath).parser)]
      });
    }
  });
  return languages;
}

function isRegistered(languages: EditorLanguageRegistry, language: IEditorLanguage): boolean {
  return languages.findByName(language.name) !== null || languages.findByMIME(language.mime, true) !== null;
}

function createExtensions(translator: ITranslator): EditorExtensionRegistry {
  const themes = new EditorThemeRegistry();
  for (const theme of EditorThemeRegistry.getDefaultThemes(translator)) {
    themes.addTheme(theme);
  }
  const registry = new EditorExtensionRegistry();
  for (const extension of EditorExtensionRegistry.getDefaultExtensions({ themes, translator })) {
    registry.addExtension(extension);
  }
  // Binds each editor to its cell's shared (Yjs) text, as JupyterLab's codemirror-extension does: without it an
  // edit would never reach the notebook model.
  registry.addExtension({
    name: 'shared-model-binding',
    factory: options => {
      const sharedModel = options.model.sharedModel as IYText;
      return EditorExtensionRegistry.createImmutableExtension(
        ybinding({ ytext: sharedModel.ysource, undoManager: sharedModel.undoManager ?? undefined })
      );
    }
  });
  return registry;
}
