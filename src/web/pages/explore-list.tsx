// One shape for the directory lists (groups, permission sets, accounts): a connection picker,
// search, sortable columns, "1–50 of 171" paging and downloads of the list as filtered.
import type { ReactElement, ReactNode } from "react";
import type { DownloadList } from "../api/explore.js";
import { explorePaths } from "../api/explore.js";
import { useApi } from "../api/use-api.js";
import { ConnectionPicker, useConnections } from "../components/connection-picker.js";
import { DownloadLinks } from "../components/download-links.js";
import type { IconName } from "../components/icons.js";
import { Icon } from "../components/icons.js";
import { Pager } from "../components/pager.js";
import { SearchInput } from "../components/search-input.js";
import { SortHeader } from "../components/sort-header.js";
import { Card, EmptyState, ErrorMessage, Loading, PageHeader } from "../components/ui.js";
import { useListState } from "./explore-list-state.js";

export interface Column<T, S extends string> {
  label: string;
  sort?: S;
  className?: string;
  cell: (item: T, connectionId: string) => ReactNode;
}

export function ExploreList<T, S extends string>(props: {
  title: string;
  description: string;
  /** The page's route ("/groups") and download list ("groups"). */
  path: string;
  list: DownloadList;
  /** Plural noun for labels ("groups"). */
  what: string;
  icon: IconName;
  searchPlaceholder: string;
  sorts: readonly S[];
  columns: Column<T, S>[];
  rowKey: (item: T) => string;
  fetchPath: (connectionId: string, query: Record<string, string | number | undefined>) => string;
  query: URLSearchParams;
}): ReactElement {
  const connections = useConnections();
  const items = connections.data?.items ?? [];
  const s = useListState(props.path, props.query, props.sorts, items[0]?.id ?? "");
  const { f } = s;
  const list = useApi<{ items: T[]; nextCursor: string | null; total: number }>(
    f.connection === ""
      ? null
      : props.fetchPath(f.connection, { ...s.apiQuery, cursor: f.cursor, limit: Number(f.size) }),
  );
  const data = list.data;
  const downloadQuery = { connectionId: f.connection, ...s.apiQuery };

  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          f.connection !== "" && (
            <>
              <DownloadLinks list={props.list} query={downloadQuery} what={props.what} />
              <a
                className="btn btn-ghost btn-small"
                href={explorePaths.fullExport(f.connection)}
                download="idc-sync-export.json"
              >
                <Icon name="download" size={14} /> Full export
              </a>
            </>
          )
        }
      />
      <Card flush>
        <div className="toolbar">
          <SearchInput
            label={`Search ${props.what}`}
            placeholder={props.searchPlaceholder}
            value={f.q}
            onChange={(q) => s.set({ q })}
          />
          <ConnectionPicker
            connections={connections.data}
            value={f.connection}
            onChange={(connection) => s.set({ connection })}
            allowAll={false}
          />
        </div>
        {connections.error !== undefined && (
          <ErrorMessage error={connections.error} retry={connections.reload} />
        )}
        {connections.data !== undefined && items.length === 0 && (
          <EmptyState
            icon={props.icon}
            title="Nothing connected yet"
            action={
              <a className="btn btn-primary" href="#/integrations">
                Go to Integrations
              </a>
            }
          >
            Connect AWS IAM Identity Center to see its {props.what}.
          </EmptyState>
        )}
        {list.error !== undefined && <ErrorMessage error={list.error} retry={list.reload} />}
        {f.connection !== "" && data === undefined && list.error === undefined && <Loading />}
        {data !== undefined && data.items.length === 0 && (
          <EmptyState icon={props.icon} title={f.q !== "" ? `No ${props.what} match` : `No ${props.what}`}>
            {f.q !== "" ? "Try another search." : `This connection has no ${props.what}.`}
          </EmptyState>
        )}
        {data !== undefined && data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table explore-table" aria-label={props.title} aria-busy={list.loading}>
              <thead>
                <tr>
                  {props.columns.map((c) =>
                    c.sort !== undefined ? (
                      <SortHeader
                        key={c.label}
                        label={c.label}
                        k={c.sort}
                        sort={f.sort}
                        order={f.order}
                        onSort={s.onSort}
                        {...(c.className === undefined ? {} : { className: c.className })}
                      />
                    ) : (
                      <th key={c.label} scope="col" className={c.className}>
                        {c.label}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={props.rowKey(item)}>
                    {props.columns.map((c) => (
                      <td key={c.label} className={c.className}>
                        {c.cell(item, f.connection)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data !== undefined && data.items.length > 0 && (
          <Pager
            label={`Pages of ${props.what}`}
            offset={f.at}
            shown={data.items.length}
            total={data.total}
            hasPrev={s.hasPrev}
            hasNext={data.nextCursor !== null}
            onPrev={s.prev}
            onNext={() => data.nextCursor !== null && s.next(data.nextCursor)}
            size={f.size}
            onSize={(size) => s.set({ size })}
          />
        )}
      </Card>
    </>
  );
}
