/**
 * The pane's views as tabs (WAI-ARIA's tabs pattern): one tab stop, the arrow keys, Home and End
 * move between them and show the view at once; the help link follows the view shown.
 */
export interface Tabs {
  select(id: string, focus?: boolean): void;
  selected(): string;
}

export function startTabs(onSelect: () => void): Tabs {
  const list = document.getElementById('tablist')!;
  const tabs = () => [...list.querySelectorAll<HTMLElement>('[role=tab]')];

  function select(id: string, focus = false): void {
    for (const tab of tabs()) {
      const on = tab.id === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute('aria-controls')!)!.hidden = !on;
      if (on && focus) tab.focus();
    }
    onSelect();
  }

  list.addEventListener('click', (e) => {
    const tab = (e.target as HTMLElement).closest<HTMLElement>('[role=tab]');
    if (tab) select(tab.id);
  });
  list.addEventListener('keydown', (e) => {
    const all = tabs();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(all[(next + all.length) % all.length].id, true);
  });
  document.getElementById('views')!.hidden = false;
  return { select, selected: () => tabs().find((t) => t.getAttribute('aria-selected') === 'true')!.id };
}
