/*
 * Axon embed.js: puts an Axon playground on any web page, sized to its content, with a small API.
 *
 *   <script src="https://axon.example/embed.js"></script>
 *   <div data-axon="preset=classic-xor&lock=all"></div>
 *
 * or, from a script:  const player = Axon.embed(element, { preset: 'classic-xor' });
 *                     player.on('epoch', (e) => …); player.play();
 *
 * Plain JavaScript, no build step, no dependencies. Documented in docs/embed.md.
 */
(function () {
  'use strict';
  if (window.Axon && window.Axon.embed) return; // the script was included twice

  // The playground lives next to this script: https://axon.example/embed.js → https://axon.example/embed
  var scriptSrc = document.currentScript && document.currentScript.src;
  var base = scriptSrc || location.href;
  // Options that shape the frame or the player rather than travel in the playground's address.
  var LOCAL = { src: 1, height: 1, title: 1, xapi: 1, on: 1, state: 1 };
  var MIN_HEIGHT = 120;
  var MAX_HEIGHT = 20000;
  var STATE_TIMEOUT_MS = 10000;
  /** a playground that never says ready (an address that is not Axon, a page outside its origins) still gets the commands */
  var READY_WAIT_MS = 3000;

  function toOptions(value) {
    if (!value) return {};
    if (typeof value !== 'string') return value;
    var options = {};
    new URLSearchParams(value.charAt(0) === '?' ? value.slice(1) : value).forEach(function (v, k) {
      options[k] = v;
    });
    return options;
  }

  function frameUrl(options) {
    var url = new URL(options.src || 'embed', base);
    Object.keys(options).forEach(function (key) {
      var value = options[key];
      if (LOCAL[key] || value === undefined || value === null || value === false) return;
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : value === true ? '1' : String(value));
    });
    // Sized to its content unless the page fixes a height.
    if (!options.height && !url.searchParams.has('fit')) url.searchParams.set('fit', '1');
    // Only this page may drive the playground and hear from it, unless the page says otherwise.
    if (!url.searchParams.has('origins') && location.origin !== 'null') url.searchParams.set('origins', location.origin);
    if (options.state) url.hash = 's=' + encodeURIComponent(options.state);
    return url;
  }

  /** This page may itself be a frame (a Canvas page, an LMS tool): let it grow with us. */
  function tellOwnFrame() {
    if (window.parent === window) return;
    var height = Math.ceil(document.documentElement.scrollHeight);
    window.parent.postMessage({ subject: 'lti.frameResize', height: height }, '*');
  }

  function embed(element, given) {
    if (typeof element === 'string') element = document.querySelector(element);
    if (!element || !element.appendChild) throw new Error('Axon.embed: the first argument must be an element or a selector.');
    if (element.axonPlayer) return element.axonPlayer;
    var options = toOptions(given);
    var url = frameUrl(options);
    var origin = url.origin;
    var fixedHeight = Number(options.height) > 0 ? Number(options.height) : 0;
    var listeners = {};
    var queue = [];
    var isReady = false;
    var destroyed = false;

    var iframe = document.createElement('iframe');
    iframe.src = url.href;
    iframe.title = options.title || 'Axon neural-network playground';
    iframe.setAttribute('allow', 'clipboard-write');
    iframe.style.cssText = 'display:block;width:100%;border:1px solid #cbd5e1;border-radius:8px;box-sizing:border-box;height:' + (fixedHeight || 400) + 'px';
    element.appendChild(iframe);
    iframe.addEventListener('load', function () {
      setTimeout(function () {
        if (!isReady) flush();
      }, READY_WAIT_MS);
    });

    function emit(type, data) {
      (listeners[type] || []).slice().forEach(function (fn) {
        try {
          fn(data);
        } catch (error) {
          // One broken callback must not stop the others, nor the frame's sizing.
          setTimeout(function () {
            throw error;
          });
        }
      });
      if (typeof CustomEvent === 'function') element.dispatchEvent(new CustomEvent('axon:' + type, { detail: data }));
    }

    function setHeight(height) {
      if (fixedHeight || typeof height !== 'number' || !isFinite(height)) return;
      // The frame's own border sits inside its height (border-box): add it, so the content is not scrolled.
      var border = iframe.offsetHeight - iframe.clientHeight;
      var px = Math.ceil(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)) + border);
      if (iframe.style.height === px + 'px') return;
      iframe.style.height = px + 'px';
      tellOwnFrame();
    }

    function post(message) {
      if (iframe.contentWindow) iframe.contentWindow.postMessage(message, origin);
    }

    var waiting = true;
    function flush() {
      waiting = false;
      queue.splice(0).forEach(post);
    }

    function send(command) {
      if (destroyed) return;
      var message = Object.assign({ axon: 1 }, command);
      // Commands given before the playground listens wait for its ready event.
      if (waiting) queue.push(message);
      else post(message);
    }

    function onMessage(event) {
      if (event.source !== iframe.contentWindow || event.origin !== origin) return;
      var data = event.data;
      if (!data || typeof data !== 'object') return;
      if (data.subject === 'lti.frameResize') return setHeight(Number(data.height));
      if (data.axon !== 1 || typeof data.type !== 'string') return;
      if (data.type === 'resize') setHeight(data.height);
      if (data.type === 'ready' && !isReady) {
        isReady = true;
        if (options.xapi) post(Object.assign({ axon: 1, type: 'xapi' }, options.xapi));
        flush();
      }
      emit(data.type, data);
    }
    window.addEventListener('message', onMessage);

    var player = {
      iframe: iframe,
      element: element,
      origin: origin,
      ready: new Promise(function (resolve) {
        var off = on('ready', function (e) {
          off();
          resolve(e);
        });
      }),
      play: function () {
        send({ type: 'play' });
      },
      pause: function () {
        send({ type: 'pause' });
      },
      step: function (steps) {
        send(steps === undefined ? { type: 'step' } : { type: 'step', steps: steps });
      },
      reset: function (seed) {
        send(seed === undefined ? { type: 'reset' } : { type: 'reset', seed: seed });
      },
      /** a preset id, or a playground object (the JSON export's content) */
      load: function (what) {
        send(typeof what === 'string' ? { type: 'load', preset: what } : { type: 'load', state: what });
      },
      setParam: function (name, value) {
        send({ type: 'setParam', name: name, value: value });
      },
      /** the course's LRS for a challenge's result: { endpoint, auth, actor, activity }; kept in memory only */
      setXapi: function (xapi) {
        send(Object.assign({ type: 'xapi' }, xapi));
      },
      getState: function () {
        return new Promise(function (resolve, reject) {
          var timer = setTimeout(function () {
            off();
            reject(new Error('Axon did not answer getState within 10 s.'));
          }, STATE_TIMEOUT_MS);
          var off = on('state', function (e) {
            clearTimeout(timer);
            off();
            resolve(e.state);
          });
          send({ type: 'getState' });
        });
      },
      send: send,
      on: on,
      off: off,
      destroy: function () {
        destroyed = true;
        window.removeEventListener('message', onMessage);
        iframe.remove();
        delete element.axonPlayer;
      }
    };

    /** Calls fn with every event of this type; returns a function that stops it. */
    function on(type, fn) {
      (listeners[type] = listeners[type] || []).push(fn);
      return function () {
        off(type, fn);
      };
    }
    function off(type, fn) {
      listeners[type] = (listeners[type] || []).filter(function (f) {
        return f !== fn;
      });
    }

    var callbacks = options.on || {};
    Object.keys(callbacks).forEach(function (type) {
      on(type, callbacks[type]);
    });
    element.axonPlayer = player;
    return player;
  }

  function scan(root) {
    var found = (root || document).querySelectorAll('[data-axon]');
    for (var i = 0; i < found.length; i++) if (!found[i].axonPlayer) embed(found[i], found[i].getAttribute('data-axon'));
  }

  window.Axon = {
    embed: embed,
    scan: scan,
    get: function (element) {
      if (typeof element === 'string') element = document.querySelector(element);
      return (element && element.axonPlayer) || null;
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () {
    scan();
  });
  else scan();
})();
