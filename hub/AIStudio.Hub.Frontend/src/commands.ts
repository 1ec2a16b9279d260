import { Dialog, type ISessionContextDialogs, showDialog } from '@jupyterlab/apputils';
import { type IDocumentManager, renameDialog } from '@jupyterlab/docmanager';
import { NotebookActions, type NotebookPanel } from '@jupyterlab/notebook';
import type { ITranslator } from '@jupyterlab/translation';
import {
  addIcon,
  downloadIcon,
  fastForwardIcon,
  refreshIcon,
  runIcon,
  saveIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';

import type { NotebookCompletion, NotebookInspector } from './completion';
import { downloadNotebook } from './download';
import type { KernelLifecycle } from './kernel';

/** The page's commands, named as JupyterLab's notebook extension names them where it has them. */
export const CommandIDs = {
  runAndAdvance: 'notebook:run-cell-and-select-next',
  run: 'notebook:run-cell',
  runAndInsert: 'notebook:run-cell-and-insert-below',
  runAll: 'notebook:run-all-cells',
  save: 'notebook:save',
  download: 'notebook:download',
  rename: 'notebook:rename',
  interrupt: 'notebook:interrupt-kernel',
  restart: 'notebook:restart-kernel',
  changeKernel: 'notebook:change-kernel',
  commandMode: 'notebook:enter-command-mode',
  editMode: 'notebook:enter-edit-mode',
  insertAbove: 'notebook:insert-cell-above',
  insertBelow: 'notebook:insert-cell-below',
  deleteCell: 'notebook:delete-cell',
  toCode: 'notebook:change-cell-to-code',
  toMarkdown: 'notebook:change-cell-to-markdown',
  toRaw: 'notebook:change-cell-to-raw',
  selectAbove: 'notebook:move-cursor-up',
  selectBelow: 'notebook:move-cursor-down',
  extendAbove: 'notebook:extend-marked-cells-above',
  extendBelow: 'notebook:extend-marked-cells-below',
  selectAll: 'notebook:select-all',
  moveUp: 'notebook:move-cell-up',
  moveDown: 'notebook:move-cell-down',
  cut: 'notebook:cut-cell',
  copy: 'notebook:copy-cell',
  paste: 'notebook:paste-cell-below',
  merge: 'notebook:merge-cells',
  split: 'notebook:split-cell-at-cursor',
  undo: 'notebook:undo-cell-action',
  redo: 'notebook:redo-cell-action',
  clearOutputs: 'notebook:clear-all-cell-outputs',
  invokeCompleter: 'completer:invoke-notebook',
  selectCompletion: 'completer:select-notebook',
  inspect: 'tooltip:launch-notebook'
} as const;

/** What the commands act on. */
export interface ICommandTargets {
  readonly panel: NotebookPanel;
  readonly docManager: IDocumentManager;
  readonly kernel: KernelLifecycle;
  readonly sessionDialogs: ISessionContextDialogs;
  readonly completion: NotebookCompletion;
  readonly inspector: NotebookInspector;
  readonly translator: ITranslator;
}

export function addCommands(commands: CommandRegistry, targets: ICommandTargets): void {
  const { panel, kernel, sessionDialogs, translator } = targets;
  const notebook = panel.content;
  const sessionContext = panel.sessionContext;
  const cellAction = (label: string, act: () => unknown): CommandRegistry.ICommandOptions => ({
    label,
    execute: () => {
      act();
    }
  });

  commands.addCommand(CommandIDs.runAndAdvance, {
    label: 'Run Selected Cell and Advance',
    caption: 'Run the selected cells and select the next one (Shift+Enter)',
    icon: runIcon,
    execute: () => NotebookActions.runAndAdvance(notebook, sessionContext, sessionDialogs, translator)
  });
  commands.addCommand(CommandIDs.run, {
    label: 'Run Selected Cell',
    caption: 'Run the selected cells and stay on them (Ctrl+Enter)',
    execute: () => NotebookActions.run(notebook, sessionContext, sessionDialogs, translator)
  });
  commands.addCommand(CommandIDs.runAndInsert, {
    label: 'Run Selected Cell and Insert Below',
    caption: 'Run the selected cells and insert a cell below (Alt+Enter)',
    execute: () => NotebookActions.runAndInsert(notebook, sessionContext, sessionDialogs, translator)
  });
  commands.addCommand(CommandIDs.runAll, {
    label: 'Run All Cells',
    caption: 'Run all cells',
    icon: fastForwardIcon,
    execute: () => NotebookActions.runAll(notebook, sessionContext, sessionDialogs, translator)
  });
  commands.addCommand(CommandIDs.save, {
    label: 'Save Notebook',
    caption: 'Save the notebook and create a checkpoint (Ctrl+S)',
    icon: saveIcon,
    execute: () => save(panel)
  });
  commands.addCommand(CommandIDs.download, {
    label: 'Download',
    caption: 'Download the notebook as an .ipynb file',
    icon: downloadIcon,
    execute: () => downloadNotebook(panel.context)
  });
  commands.addCommand(CommandIDs.rename, {
    label: 'Rename Notebook…',
    caption: 'Rename the notebook',
    execute: () => renameDialog(targets.docManager, panel.context, translator)
  });
  commands.addCommand(CommandIDs.interrupt, {
    label: 'Interrupt Kernel',
    caption: 'Interrupt the kernel',
    icon: stopIcon,
    execute: () => kernel.interrupt()
  });
  commands.addCommand(CommandIDs.restart, {
    label: 'Restart Kernel…',
    caption: 'Restart the kernel',
    icon: refreshIcon,
    execute: () => kernel.restart()
  });
  commands.addCommand(CommandIDs.changeKernel, {
    label: 'Change Kernel…',
    caption: 'Choose the kernel for this notebook',
    execute: () => kernel.selectKernel()
  });

  commands.addCommand(
    CommandIDs.commandMode,
    cellAction('Enter Command Mode', () => {
      notebook.mode = 'command';
    })
  );
  commands.addCommand(
    CommandIDs.editMode,
    cellAction('Enter Edit Mode', () => {
      notebook.mode = 'edit';
    })
  );
  commands.addCommand(CommandIDs.insertAbove, cellAction('Insert Cell Above', () => NotebookActions.insertAbove(notebook)));
  commands.addCommand(CommandIDs.insertBelow, {
    ...cellAction('Insert Cell Below', () => NotebookActions.insertBelow(notebook)),
    caption: 'Insert a cell below',
    icon: addIcon
  });
  commands.addCommand(CommandIDs.deleteCell, cellAction('Delete Cells', () => NotebookActions.deleteCells(notebook)));
  commands.addCommand(
    CommandIDs.toCode,
    cellAction('Change to Code Cell', () => NotebookActions.changeCellType(notebook, 'code', translator))
  );
  commands.addCommand(
    CommandIDs.toMarkdown,
    cellAction('Change to Markdown Cell', () => NotebookActions.changeCellType(notebook, 'markdown', translator))
  );
  commands.addCommand(
    CommandIDs.toRaw,
    cellAction('Change to Raw Cell', () => NotebookActions.changeCellType(notebook, 'raw', translator))
  );
  commands.addCommand(CommandIDs.selectAbove, cellAction('Select Cell Above', () => NotebookActions.selectAbove(notebook)));
  commands.addCommand(CommandIDs.selectBelow, cellAction('Select Cell Below', () => NotebookActions.selectBelow(notebook)));
  commands.addCommand(
    CommandIDs.extendAbove,
    cellAction('Extend Selection Above', () => NotebookActions.extendSelectionAbove(notebook))
  );
  commands.addCommand(
    CommandIDs.extendBelow,
    cellAction('Extend Selection Below', () => NotebookActions.extendSelectionBelow(notebook))
  );
  commands.addCommand(CommandIDs.selectAll, cellAction('Select All Cells', () => NotebookActions.selectAll(notebook)));
  commands.addCommand(CommandIDs.moveUp, cellAction('Move Cells Up', () => NotebookActions.moveUp(notebook)));
  commands.addCommand(CommandIDs.moveDown, cellAction('Move Cells Down', () => NotebookActions.moveDown(notebook)));
  commands.addCommand(CommandIDs.cut, cellAction('Cut Cells', () => NotebookActions.cut(notebook)));
  commands.addCommand(CommandIDs.copy, cellAction('Copy Cells', () => NotebookActions.copy(notebook)));
  commands.addCommand(CommandIDs.paste, cellAction('Paste Cells Below', () => NotebookActions.paste(notebook, 'below')));
  commands.addCommand(CommandIDs.merge, cellAction('Merge Selected Cells', () => NotebookActions.mergeCells(notebook)));
  commands.addCommand(CommandIDs.split, cellAction('Split Cell', () => NotebookActions.splitCell(notebook)));
  commands.addCommand(CommandIDs.undo, cellAction('Undo Cell Operation', () => NotebookActions.undo(notebook)));
  commands.addCommand(CommandIDs.redo, cellAction('Redo Cell Operation', () => NotebookActions.redo(notebook)));
  commands.addCommand(
    CommandIDs.clearOutputs,
    cellAction('Clear Outputs of All Cells', () => NotebookActions.clearAllOutputs(notebook))
  );

  commands.addCommand(CommandIDs.invokeCompleter, {
    label: 'Show Completions',
    execute: () => {
      if (notebook.activeCell?.model.type === 'code') {
        targets.completion.invoke();
      }
    }
  });
  commands.addCommand(CommandIDs.selectCompletion, {
    label: 'Take the Selected Completion',
    execute: () => {
      if (notebook.activeCell?.model.type === 'code') {
        targets.completion.select();
      }
    }
  });
  commands.addCommand(CommandIDs.inspect, {
    label: 'Show Documentation at the Cursor',
    execute: () => targets.inspector.inspect()
  });
}

/**
 * Saves (the document context shows JupyterLab's own dialogs: the server's error message when a save fails, "File
 * Changed" with Overwrite/Revert when the file changed on the server since it was loaded), then makes a checkpoint,
 * as JupyterLab's save command does.
 */
async function save(panel: NotebookPanel): Promise<void> {
  const context = panel.context;
  if (!context.isReady) {
    return;
  }
  if (context.model.readOnly || context.contentsModel?.writable === false) {
    await showDialog({
      title: 'Cannot Save',
      body: 'This notebook is read-only. Download it to keep a copy of your changes.',
      buttons: [Dialog.okButton()]
    });
    return;
  }
  try {
    await context.save();
  } catch (reason) {
    // Shown already (or the person cancelled the "File Changed" dialog).
    console.warn('Notebook not saved', reason);
    return;
  }
  if (!panel.isDisposed) {
    await context.createCheckpoint().catch(reason => console.warn('Could not create a checkpoint', reason));
  }
}
