import type { ReactNode } from 'react';
import { CardSection } from '../../ui/card-section.js';

interface AdminTableProps {
  /** Id of the card's heading, which also names the table. */
  id: string;
  title: string;
  count: number | string;
  /** Column headings; a last, unlabelled column holds each row's actions. */
  columns: readonly string[];
  /** The rows (`<tr>`), each ending with its actions cell. */
  children: ReactNode;
}

/** A titled card holding one admin list as a table that scrolls sideways when narrow. */
export function AdminTable({ id, title, count, columns, children }: AdminTableProps) {
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
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </CardSection>
  );
}
