import { type ISessionContextDialogs, Toolbar as SessionToolbar } from '@jupyterlab/apputils';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import { type NotebookPanel, ToolbarItems } from '@jupyterlab/notebook';
import type { ITranslator } from '@jupyterlab/translation';
import {
  addIcon,
  addToolbarButtonClass,
  downloadIcon,
  fastForwardIcon,
  type LabIcon,
  ReactWidget,
  refreshIcon,
  runIcon,
  saveIcon,
  stopIcon,
  Toolbar,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import * as React from 'react';

import { CommandIDs } from './commands';
import { KernelStatusIndicator } from './kernelstatus';

interface IButton {
  /** `data-command` on the button: the hook end-to-end tests use. */
  readonly name: string;
  readonly command: string;
  readonly icon: LabIcon;
  readonly tooltip: string;
}

const LEFT_BUTTONS: ReadonlyArray<IButton> = [
  { name: 'save', command: CommandIDs.save, icon: saveIcon, tooltip: 'Save and create a checkpoint (Ctrl+S)' },
  { name: 'insert', command: CommandIDs.insertBelow, icon: addIcon, tooltip: 'Insert a cell below (B)' },
  { name: 'run', command: CommandIDs.runAndAdvance, icon: runIcon, tooltip: 'Run this cell and select the next (Shift+Enter)' },
  { name: 'run-all', command: CommandIDs.runAll, icon: fastForwardIcon, tooltip: 'Run all cells' },
  { name: 'interrupt', command: CommandIDs.interrupt, icon: stopIcon, tooltip: 'Interrupt the kernel (I, I)' },
  { name: 'restart', command: CommandIDs.restart, icon: refreshIcon, tooltip: 'Restart the kernel… (0, 0)' }
];

const DOWNLOAD: IButton = {
  name: 'download',
  command: CommandIDs.download,
  icon: downloadIcon,
  tooltip: 'Download as .ipynb'
};

/**
 * The notebook's toolbar: save, insert, run, run all, interrupt, restart, the cell type, download; on the right the
 * kernel's name (click to change kernel) and its status.
 */
export function createToolbarItems(
  panel: NotebookPanel,
  commands: CommandRegistry,
  sessionDialogs: ISessionContextDialogs,
  translator: ITranslator
): DocumentRegistry.IToolbarItem[] {
  const button = (spec: IButton): DocumentRegistry.IToolbarItem => ({
    name: spec.name,
    widget: new ActionButton({
      icon: spec.icon,
      tooltip: spec.tooltip,
      dataset: { command: spec.name },
      // Acts on mouse down without taking the focus, so the notebook keeps its active cell and mode. The commands
      // are added once the panel exists, after this toolbar: look them up when clicked.
      noFocusOnClick: true,
      onClick: () => {
        commands.execute(spec.command).catch(reason => console.error(`${spec.command} failed`, reason));
      }
    })
  });

  const cellType = ToolbarItems.createCellTypeItem(panel, translator);
  cellType.node.dataset.command = 'cell-type';
  const kernelName = SessionToolbar.createKernelNameItem(panel.sessionContext, sessionDialogs, translator);
  kernelName.node.dataset.command = 'change-kernel';

  return [
    ...LEFT_BUTTONS.map(button),
    { name: 'cell-type', widget: cellType },
    button(DOWNLOAD),
    { name: 'spacer', widget: Toolbar.createSpacerItem() },
    { name: 'kernel-name', widget: kernelName },
    { name: 'kernel-status', widget: new KernelStatusIndicator(panel.sessionContext) }
  ];
}

/**
 * A toolbar button that acts when clicked: JupyterLab's toolbar button component, without the pressed/unpressed
 * toggling that `ToolbarButton` widgets do since JupyterLab 4.5.
 */
class ActionButton extends ReactWidget {
  constructor(private readonly props: ToolbarButtonComponent.IProps) {
    super();
    addToolbarButtonClass(this);
  }

  protected render(): React.ReactElement {
    return React.createElement(ToolbarButtonComponent, this.props);
  }
}
