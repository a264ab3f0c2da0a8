import { useState } from 'react';
import { applyTheme, readTheme, saveTheme, type Theme } from './settings';

/** System, light or dark, remembered on this device. */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(readTheme);
  return (
    <select
      className="theme-switch"
      data-testid="theme"
      aria-label="Colour theme"
      value={theme}
      onChange={(e) => {
        const next = e.target.value as Theme;
        setTheme(next);
        saveTheme(next);
        applyTheme(next);
      }}
    >
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
