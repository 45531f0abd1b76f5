// micro web's call form: fills the request from the endpoint's skeleton, sends it through POST /rpc
// and keeps the call in the address bar (a permalink). Everything shown is set as text, never HTML.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('call');
  if (!form) {
    return;
  }
  const service = form.elements.service;
  const endpoint = form.elements.endpoint;
  const request = form.elements.request;
  const status = document.getElementById('status');
  const response = document.getElementById('response');

  const permalink = () => {
    const query = new URLSearchParams({ service: service.value, endpoint: endpoint.value, request: request.value });
    history.replaceState(null, '', '/client?' + query);
  };

  service.addEventListener('change', () => {
    endpoint.value = '';
    request.value = '';
    window.location.assign('/client?' + new URLSearchParams({ service: service.value }));
  });
  endpoint.addEventListener('change', () => {
    const chosen = endpoint.selectedOptions[0];
    request.value = chosen && chosen.dataset.skeleton ? chosen.dataset.skeleton : '{}';
    permalink();
  });
  request.addEventListener('input', permalink);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    permalink();
    status.textContent = 'sending...';
    response.textContent = '';
    const started = performance.now();
    try {
      const answer = await fetch('/rpc', {
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
});
