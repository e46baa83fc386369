import 'react';

declare module 'react' {
  // Lets components pass CSS custom properties (`--row-start`) through the style prop.
  interface CSSProperties {
    [variable: `--${string}`]: string | number;
  }
}
