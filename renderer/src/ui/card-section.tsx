import type { ReactNode } from 'react';

interface CardSectionProps {
  /** Id of the heading, which names the section for assistive technology. */
  id: string;
  title: string;
  /** Shown as a badge after the title: how many rows the card lists ('3', or '3 active'). */
  count?: number | string;
  className?: string;
  children: ReactNode;
}

/** A card with a titled, labelled section: the building block of the detail screens. */
export function CardSection({ id, title, count, className = '', children }: CardSectionProps) {
  return (
    <section className={`card ${className}`.trim()} aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {title}
        {count === undefined ? null : (
          <>
            {' '}
            <span className="badge">{count}</span>
          </>
        )}
      </h2>
      {children}
    </section>
  );
}
