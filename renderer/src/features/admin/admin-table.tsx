import type { ReactNode } from 'react';
import { CardSection } from '../../ui/card-section.js';

interface AdminTableProps {
  /** Id of the card's heading, which also names the table. */
  id: string;
  title: string;
  count: number | string;
  /** Column headings; a last, unlabelled column holds each row's actions unless `actions` is false. */
  columns: readonly string[];
  /** The rows (`<tr>`), each ending with its actions cell when there is that column. */
  children: ReactNode;
  /** Whether rows end with an actions cell (default true). */
  actions?: boolean;
}

/** A titled card holding one admin list as a table that scrolls sideways when narrow. */
export function AdminTable({ id, title, count, columns, children, actions = true }: AdminTableProps) {
  return (
    <CardSection id={id} title={title} count={count}>
      <div className="admin-table-wrap">
        <table className="table" aria-labelledby={id}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              {actions ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </CardSection>
  );
}
