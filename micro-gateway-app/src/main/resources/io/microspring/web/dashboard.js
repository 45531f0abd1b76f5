// micro web's pages. The registry list and a service's page follow the registry's changes
// (server-sent events from /registry/events). The call form fills the request from the endpoint's skeleton, sends it through
// POST /rpc, shows the same call for curl and micro, and keeps the call in the address bar (a
// permalink). A stream endpoint opens a websocket and shows its messages as they arrive. The terminal
// runs each line through POST /terminal and appends the output to its transcript, with the lines
// typed before a keystroke away (up and down arrows). Everything shown is set as text, never as HTML.
// Requests go to location.origin: fetch refuses a URL that inherits user:password@ from the page's.
document.addEventListener('DOMContentLoaded', () => {
  followRegistry();
  followService();
  callForm();
  terminal();
});

// a service's page: on each change of that service, its sections are fetched again and swapped in;
// also once the feed is open, for a change made between the page's rendering and the subscription
function followService() {
  const name = new URLSearchParams(location.search).get('service');
  const main = document.querySelector('main');
  if (!name || !main || !document.querySelector('section.version, p.empty') || !window.EventSource
      || location.pathname !== '/registry') {
    return;
  }
  const refresh = async () => {
    const answer = await fetch(location.origin + location.pathname + location.search,
      { headers: { Accept: 'text/html' } });
    if (answer.ok) {
      const page = new DOMParser().parseFromString(await answer.text(), 'text/html');
      main.replaceChildren(...page.querySelector('main').childNodes);
    }
  };
  const feed = new EventSource(location.origin + '/registry/events');
  feed.onopen = refresh;
  feed.onmessage = message => {
    if (JSON.parse(message.data).service === name) {
      refresh();
    }
  };
}

function followRegistry() {
  const table = document.querySelector('table.services');
  if (!table || !window.EventSource) {
    return;
  }
  let pending = null;
  const refresh = async () => {
    pending = null;
    const answer = await fetch(location.origin + '/registry?format=json',
      { headers: { Accept: 'application/json' } });
    if (!answer.ok) {
      return;
    }
    const rows = (await answer.json()).services.map(service => {
      const row = document.createElement('tr');
      const link = document.createElement('a');
      link.href = '/registry?' + new URLSearchParams({ service: service.name });
      link.textContent = service.name;
      [link, document.createTextNode(service.versions.join(', ')), document.createTextNode(String(service.nodes))]
        .forEach(content => row.appendChild(document.createElement('td')).appendChild(content));
      return row;
    });
    table.tBodies[0].replaceChildren(...rows);
  };
  const later = () => {
    if (!pending) {
      pending = setTimeout(refresh, 200);
    }
  };
  const feed = new EventSource(location.origin + '/registry/events');
  feed.onopen = later; // a change made between the page's rendering and the subscription
  feed.onmessage = later;
}

function shellQuote(text) {
  return "'" + text.replace(/'/g, "'\\''") + "'";
}

function callForm() {
  const form = document.getElementById('call');
  if (!form) {
    return;
  }
  const service = form.elements.service;
  const endpoint = form.elements.endpoint;
  const request = form.elements.request;
  const status = document.getElementById('status');
  const response = document.getElementById('response');

  const compact = () => {
    try {
      return JSON.stringify(JSON.parse(request.value || '{}'));
    } catch (notJson) {
      return request.value;
    }
  };
  const permalink = () => {
    const query = new URLSearchParams({ service: service.value, endpoint: endpoint.value, request: request.value });
    history.replaceState(null, '', '/client?' + query);
    const body = '{"service":' + JSON.stringify(service.value) + ',"endpoint":' + JSON.stringify(endpoint.value)
      + ',"request":' + compact() + '}';
    document.getElementById('curl').textContent = "curl -s http://localhost:8080/rpc -H 'Content-Type: application/json' -d "
      + shellQuote(body);
    document.getElementById('micro-call').textContent = 'micro call ' + shellQuote(service.value) + ' '
      + shellQuote(endpoint.value) + ' ' + shellQuote(compact());
  };
  if (service.value && endpoint.value) {
    permalink();
  }

  service.addEventListener('change', () => {
    endpoint.value = '';
    request.value = '';
    window.location.assign('/client?' + new URLSearchParams({ service: service.value }));
  });
  endpoint.addEventListener('change', () => {
    if (stream) {
      stream.close(1000, 'another endpoint');
    }
    const chosen = endpoint.selectedOptions[0];
    request.value = chosen && chosen.dataset.skeleton ? chosen.dataset.skeleton : '{}';
    permalink();
  });
  request.addEventListener('input', permalink);

  const closeStream = document.getElementById('close-stream');
  let stream = null;
  const isStream = () => {
    const chosen = endpoint.selectedOptions[0];
    return Boolean(chosen && chosen.dataset.stream === 'true');
  };
  // a stream endpoint: a websocket to /client/stream; Send sends one more message while it is open
  const openStream = () => {
    let received = 0;
    response.className = 'response';
    response.textContent = '';
    status.textContent = 'opening the stream...';
    const query = new URLSearchParams({ service: service.value, endpoint: endpoint.value });
    stream = new WebSocket(location.origin.replace(/^http/, 'ws') + '/client/stream?' + query);
    stream.onopen = () => {
      status.textContent = 'streaming';
      closeStream.hidden = false;
      stream.send(compact());
    };
    stream.onmessage = message => {
      received += 1;
      response.textContent += message.data + '\n';
      status.textContent = 'streaming: ' + received + (received === 1 ? ' message' : ' messages');
    };
    stream.onclose = closed => {
      status.textContent = 'stream closed after ' + received + (received === 1 ? ' message' : ' messages')
        + (closed.code === 1000 ? '' : ' (' + closed.code + (closed.reason ? ' ' + closed.reason : '') + ')');
      closeStream.hidden = true;
      stream = null;
    };
  };
  closeStream.addEventListener('click', () => stream && stream.close(1000, 'closed in the form'));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    permalink();
    if (isStream()) {
      if (stream && stream.readyState === WebSocket.OPEN) {
        stream.send(compact());
      } else {
        openStream();
      }
      return;
    }
    status.textContent = 'sending...';
    response.textContent = '';
    const started = performance.now();
    try {
      const answer = await fetch(location.origin + '/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ service: service.value, endpoint: endpoint.value, request: request.value })
      });
      const text = await answer.text();
      const millis = Math.round(performance.now() - started);
      status.textContent = answer.status + ' ' + (answer.ok ? 'OK' : 'error') + ' in ' + millis + ' ms';
      response.className = answer.ok ? 'response' : 'response error';
      try {
        response.textContent = JSON.stringify(JSON.parse(text), null, 2);
      } catch (notJson) {
        response.textContent = text;
      }
    } catch (failure) {
      status.textContent = 'the call could not be sent: ' + failure;
    }
  });
}

function terminal() {
  const form = document.getElementById('terminal');
  if (!form) {
    return;
  }
  const input = form.elements.line;
  const transcript = document.getElementById('transcript');
  const typed = [];
  let recalled = 0;
  input.addEventListener('keydown', event => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') {
      return;
    }
    event.preventDefault();
    recalled = Math.max(0, Math.min(typed.length, recalled + (event.key === 'ArrowUp' ? -1 : 1)));
    input.value = typed[recalled] || '';
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const line = input.value;
    if (line.trim()) {
      typed.push(line);
    }
    recalled = typed.length;
    input.value = '';
    transcript.textContent += 'micro> ' + line + '\n';
    try {
      const answer = await fetch(location.origin + '/terminal', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ line })
      });
      const run = await answer.json();
      // a run has line, output and error; anything else (a refused login) is go-micro's error JSON itself
      transcript.textContent += 'line' in run
        ? run.output + (run.error ? JSON.stringify(run.error) + '\n' : '') : JSON.stringify(run) + '\n';
    } catch (failure) {
      transcript.textContent += 'the line could not be sent: ' + failure + '\n';
    }
    transcript.scrollTop = transcript.scrollHeight;
  });
}
