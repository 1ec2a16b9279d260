import type { CommandRegistry } from '@lumino/commands';

import { CommandIDs } from './commands';

/** Edit mode: the cursor is in a cell's editor. */
const EDIT = '.jp-Notebook.jp-mod-editMode';
/**
 * Command mode: the active cell (or the notebook) has the focus, not an input inside an output. The same selectors
 * as JupyterLab 4's notebook extension.
 */
const COMMAND = [
  '.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus',
  '.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite):focus'
];
/** Either mode. */
const NOTEBOOK = [EDIT, ...COMMAND];
/** Where Tab asks for completions: after a word in a code editor (JupyterLab's completer handler sets the class). */
const COMPLETER_ENABLED = '.jp-Notebook.jp-mod-editMode .jp-mod-completer-enabled';
const COMPLETER_ACTIVE = '.jp-Notebook .jp-mod-completer-active';
/** Where Shift+Tab asks for the documentation: no selection, not at the start of the line, no completion list open. */
const INSPECTABLE =
  '.jp-Notebook.jp-mod-editMode .jp-InputArea-editor:not(.jp-mod-has-primary-selection)' +
  ':not(.jp-mod-in-leading-whitespace):not(.jp-mod-completer-active)';

interface IShortcut {
  readonly command: string;
  readonly keys: string[];
  readonly selectors: readonly string[];
  readonly macKeys?: string[];
}

const SHORTCUTS: ReadonlyArray<IShortcut> = [
  { command: CommandIDs.runAndAdvance, keys: ['Shift Enter'], selectors: NOTEBOOK },
  { command: CommandIDs.run, keys: ['Accel Enter'], selectors: NOTEBOOK },
  // On a Mac, Accel is Cmd: Ctrl+Enter runs too, as in JupyterLab.
  { command: CommandIDs.run, keys: [], macKeys: ['Ctrl Enter'], selectors: NOTEBOOK },
  { command: CommandIDs.runAndInsert, keys: ['Alt Enter'], selectors: NOTEBOOK },
  // Anywhere on the page, so the browser's "Save page" never opens.
  { command: CommandIDs.save, keys: ['Accel S'], selectors: ['body'] },
  { command: CommandIDs.commandMode, keys: ['Escape'], selectors: [EDIT] },
  { command: CommandIDs.commandMode, keys: ['Ctrl M'], selectors: [EDIT] },
  { command: CommandIDs.editMode, keys: ['Enter'], selectors: COMMAND },
  { command: CommandIDs.insertAbove, keys: ['A'], selectors: COMMAND },
  { command: CommandIDs.insertBelow, keys: ['B'], selectors: COMMAND },
  { command: CommandIDs.deleteCell, keys: ['D', 'D'], selectors: COMMAND },
  { command: CommandIDs.toMarkdown, keys: ['M'], selectors: COMMAND },
  { command: CommandIDs.toCode, keys: ['Y'], selectors: COMMAND },
  { command: CommandIDs.toRaw, keys: ['R'], selectors: COMMAND },
  { command: CommandIDs.selectAbove, keys: ['ArrowUp'], selectors: COMMAND },
  { command: CommandIDs.selectAbove, keys: ['K'], selectors: COMMAND },
  { command: CommandIDs.selectBelow, keys: ['ArrowDown'], selectors: COMMAND },
  { command: CommandIDs.selectBelow, keys: ['J'], selectors: COMMAND },
  { command: CommandIDs.extendAbove, keys: ['Shift ArrowUp'], selectors: COMMAND },
  { command: CommandIDs.extendAbove, keys: ['Shift K'], selectors: COMMAND },
  { command: CommandIDs.extendBelow, keys: ['Shift ArrowDown'], selectors: COMMAND },
  { command: CommandIDs.extendBelow, keys: ['Shift J'], selectors: COMMAND },
  { command: CommandIDs.selectAll, keys: ['Accel A'], selectors: COMMAND },
  { command: CommandIDs.moveUp, keys: ['Ctrl Shift ArrowUp'], selectors: COMMAND },
  { command: CommandIDs.moveDown, keys: ['Ctrl Shift ArrowDown'], selectors: COMMAND },
  { command: CommandIDs.cut, keys: ['X'], selectors: COMMAND },
  { command: CommandIDs.copy, keys: ['C'], selectors: COMMAND },
  { command: CommandIDs.paste, keys: ['V'], selectors: COMMAND },
  { command: CommandIDs.merge, keys: ['Shift M'], selectors: COMMAND },
  { command: CommandIDs.split, keys: ['Ctrl Shift -'], selectors: [EDIT] },
  { command: CommandIDs.undo, keys: ['Z'], selectors: COMMAND },
  { command: CommandIDs.redo, keys: ['Shift Z'], selectors: COMMAND },
  { command: CommandIDs.interrupt, keys: ['I', 'I'], selectors: COMMAND },
  { command: CommandIDs.restart, keys: ['0', '0'], selectors: COMMAND },
  { command: CommandIDs.invokeCompleter, keys: ['Tab'], selectors: [COMPLETER_ENABLED] },
  { command: CommandIDs.selectCompletion, keys: ['Enter'], selectors: [COMPLETER_ACTIVE] },
  { command: CommandIDs.inspect, keys: ['Shift Tab'], selectors: [INSPECTABLE] }
];

/**
 * Binds the notebook's keyboard shortcuts and routes the page's key presses through the command registry, as the
 * JupyterLab application does: one capturing listener on the document, so a binding is seen before the editor's own.
 */
export function addShortcuts(commands: CommandRegistry): void {
  for (const shortcut of SHORTCUTS) {
    for (const selector of shortcut.selectors) {
      commands.addKeyBinding({ command: shortcut.command, keys: shortcut.keys, macKeys: shortcut.macKeys, selector });
    }
  }
  document.addEventListener(
    'keydown',
    event => {
      // A dialog handles its own keys (Enter accepts, Escape cancels); only keep the browser's "Save page" away.
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('.jp-Dialog')) {
        if (isSaveKey(event)) {
          event.preventDefault();
        }
        return;
      }
      commands.processKeydownEvent(event);
    },
    true
  );
}

function isSaveKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's';
}
