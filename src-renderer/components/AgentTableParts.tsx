/** Pieces the agents view's server-paged tables share: sortable headers, the pager, download links, and their state. */
import { type ReactNode, useEffect, useState } from 'react';
import type { Paged, SessionSort, SortOrder } from '../../src-shared/agent-views';
import type { PageParams } from '../api/agent-views';
import { count } from '../format';
import type { ApiState } from '../hooks/useApi';
import { Loaded } from './States';

export function usePaging(pageSize: number, resetOn: readonly unknown[], initial: SessionSort = 'cost') {
  const [page, setPage] = useState<PageParams>({ sort: initial, order: 'desc', limit: pageSize, offset: 0 });
  // Another agent, range or project starts again from the first page.
  useEffect(() => setPage((p) => (p.offset === 0 ? p : { ...p, offset: 0 })), resetOn);
  return {
    page,
    sortBy: (sort: SessionSort) => setPage((p) => ({ ...p, sort, offset: 0, order: p.sort === sort && p.order === 'desc' ? 'asc' : 'desc' })),
    goTo: (offset: number) => setPage((p) => ({ ...p, offset })),
  };
}

const ORDER_NAMES: Record<SortOrder, 'ascending' | 'descending'> = { asc: 'ascending', desc: 'descending' };

/** A column header that sorts the table by `sort` (again: the other way). */
export function SortHeader({ label, sort, page, onSort, numeric }: { label: string; sort: SessionSort; page: PageParams; onSort: (sort: SessionSort) => void; numeric?: boolean }) {
  const active = page.sort === sort;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? ORDER_NAMES[page.order] : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(sort)}>
        {label}<span aria-hidden="true" className="sort-mark">{active ? (page.order === 'desc' ? '▼' : '▲') : ''}</span>
      </button>
    </th>
  );
}

export function Pager({ label, page, shown, total, onGo }: { label: string; page: PageParams; shown: number; total: number; onGo: (offset: number) => void }) {
  if (total <= page.limit) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={page.offset === 0} onClick={() => onGo(Math.max(0, page.offset - page.limit))}>Previous</button>
      <span>{count(page.offset + 1)}–{count(page.offset + shown)} of {count(total)}</span>
      <button type="button" disabled={page.offset + page.limit >= total} onClick={() => onGo(page.offset + page.limit)}>Next</button>
    </nav>
  );
}

/** CSV and JSON downloads of a part of the view: the same query, every row (not just this page). */
export function Exports({ what, href }: { what: string; href: (format: 'csv' | 'json') => string }) {
  return (
    <span className="exports">
      <a href={`./api/${href('csv')}`} download aria-label={`Export ${what} as CSV`}>CSV</a>
      <a href={`./api/${href('json')}`} download aria-label={`Export ${what} as JSON`}>JSON</a>
    </span>
  );
}

interface PagedCardProps<T> {
  id: string;
  title: ReactNode;
  /** Beside the title (e.g. a filter's chip). */
  extra?: ReactNode;
  what: string;
  exportHref: (format: 'csv' | 'json') => string;
  state: ApiState<Paged<T>>;
  empty: ReactNode;
  page: PageParams;
  onGo: (offset: number) => void;
  children: (page: Paged<T>) => ReactNode;
}

/** A card holding one server-paged table: its title and downloads, the table once loaded, and the pager. */
export function PagedCard<T>({ id, title, extra, what, exportHref, state, empty, page, onGo, children }: PagedCardProps<T>) {
  return (
    <section className="card" aria-labelledby={id}>
      <header className="section-head">
        <h2 id={id}>{title}</h2>
        {extra}
        <Exports what={what} href={exportHref} />
      </header>
      <Loaded state={state}>
        {(p) => p.total === 0 ? empty : (
          <>
            <div className="table-wrap">{children(p)}</div>
            <Pager label={`${what[0].toUpperCase()}${what.slice(1, -1)} pages`} page={page} shown={p.items.length} total={p.total} onGo={onGo} />
          </>
        )}
      </Loaded>
    </section>
  );
}
