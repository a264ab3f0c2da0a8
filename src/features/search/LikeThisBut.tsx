import { useState } from 'react';

/** In the opened photo: "like this, but ..." searches its vector plus the words typed (`photo:<id> + "words"`). */
export function LikeThisBut({ onSearch }: { onSearch: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      data-testid="like-this-but"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSearch(text);
      }}
    >
      <label>
        Like this, but{' '}
        <input
          type="text"
          data-testid="like-this-but-input"
          placeholder="at night"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>{' '}
      <button type="submit" className="pill" data-testid="like-this-but-search" disabled={!text.trim()}>
        Search
      </button>
    </form>
  );
}
